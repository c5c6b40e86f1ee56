package org.srplatform.api.partner;

/** Priority of a collaboration request as partners understand it (TSANet's levels). */
public enum PartnerPriority {
    LOW, MEDIUM, HIGH
}
