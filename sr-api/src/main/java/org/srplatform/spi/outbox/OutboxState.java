package org.srplatform.spi.outbox;

/** Where an outbox entry stands. */
public enum OutboxState {
    /** Waiting to be sent, or to be retried. */
    PENDING,
    /** Claimed by a dispatcher whose lease has not run out. */
    SENDING,
    /** Delivered; kept for the record. */
    SENT,
    /** Given up after the dispatcher's last attempt; an operator looks at it. */
    FAILED
}
