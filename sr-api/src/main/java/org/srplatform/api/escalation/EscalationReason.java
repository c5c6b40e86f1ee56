package org.srplatform.api.escalation;

/** Why a customer asks for escalation. */
public enum EscalationReason {
    PRODUCTION_DOWN_DURING_UPGRADE, CRITICAL_BUSINESS_IMPACT, UNSATISFIED_WITH_PROGRESS
}
