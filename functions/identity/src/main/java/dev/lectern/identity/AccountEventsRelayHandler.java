package dev.lectern.identity;

import dev.lectern.core.schedule.ScheduledHandler;
import dev.lectern.events.ScheduleEvent;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Every few minutes: sends the account events whose request could not send them after their
 * transaction committed (the outbox of {@link IdentityStore#deleteUser}). Usually finds nothing.
 */
public class AccountEventsRelayHandler extends ScheduledHandler {

    @Inject
    IdentityService service;

    @Override
    protected Map<String, Object> run(ScheduleEvent event) {
        return Map.of("sent", service.relayAccountEvents());
    }
}
