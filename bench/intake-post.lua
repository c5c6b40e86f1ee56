-- POST /api/v1/requests as demo user customer1 (bench/intake-wrk.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Y3VzdG9tZXIxOmN1c3RvbWVyMQ=="
wrk.body = '{"account":"1001","product":"datacenter","category":"performance","severity":3,"subject":"Load test SR","description":"Datastore latency after upgrade","tags":["load"],"contactMethod":"EMAIL"}'
