package dev.lectern.events;

import java.util.Objects;

/**
 * An account was erased at its owner's request (payload of an envelope of type
 * {@value #TYPE} on the accounts queue). Every context that holds personal data of the account
 * removes or anonymises it; consumers are idempotent, since the event may arrive more than once
 * and even before the identity context has finished its own erasure.
 *
 * @param userId the erased account
 */
public record AccountErased(String userId) {

    public static final String TYPE = "account.erased";

    public AccountErased {
        Objects.requireNonNull(userId, "userId");
    }
}
