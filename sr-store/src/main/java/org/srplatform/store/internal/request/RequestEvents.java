package org.srplatform.store.internal.request;

import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.TimelineEntry;

/** Tells Event Admin about a committed change of an SR (SupportRequestEvents); nothing when it is absent. */
@FunctionalInterface
interface RequestEvents {
    void announce(String topic, SrNumber number, TimelineEntry entry);
}
