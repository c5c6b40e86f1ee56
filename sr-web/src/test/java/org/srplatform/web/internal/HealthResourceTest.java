package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.srplatform.api.common.FeatureUnavailableException;

class HealthResourceTest {

    @Test
    void livenessAndReadinessAnswerWithoutCredentials() {
        for (String path : new String[] {"health", "/api/v1/health", "health/live", "api/v1/health/ready", "/health/ready"}) {
            assertTrue(BasicAuthentication.isOpen(path), path);
        }
        assertFalse(BasicAuthentication.isOpen("health/anything"));
        assertFalse(BasicAuthentication.isOpen("api/v1/products"));
    }

    @Test
    void aCallWhileTheStoreStartsIsToldToRetryNotToEnableAFeature() {
        Problem problem = ProblemMapper.problemOf(new FeatureUnavailableException("store"));

        assertEquals(503, problem.status());
        assertTrue(problem.detail().contains("The platform is starting") && problem.detail().contains("retry in a few seconds"),
                problem.detail());
        assertFalse(problem.detail().contains("enable"), "the store is no feature to switch on: " + problem.detail());
        assertTrue(ProblemMapper.problemOf(new FeatureUnavailableException("intake")).detail().contains("sr:enable intake"),
                "features keep their wording");
    }
}
