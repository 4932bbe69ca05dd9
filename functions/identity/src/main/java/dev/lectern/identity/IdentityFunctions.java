package dev.lectern.identity;

import static dev.lectern.core.resources.ResourceId.ACCOUNTS_QUEUE;
import static dev.lectern.core.resources.ResourceId.SIGNING_KEYS;
import static dev.lectern.core.resources.ResourceId.VERIFICATION_KEYS;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.send;

import dev.lectern.core.auth.AccountStatus;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.PersonalData;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.TableKeys;
import java.util.List;

/**
 * The identity context's functions: accounts, sessions, roles, export and erasure, the key set.
 * Argon2id (19 MiB, t=2) is CPU-bound and Lambda gives CPU in proportion to memory, hence 1 GB
 * for the routes that hash.
 */
public final class IdentityFunctions implements ContextFunctions {

    static final String MODULE = "identity";
    /** Accounts, email claims, failed-login windows, refresh tokens and sessions (IdentityStore). */
    static final TableKeys KEYS = TableKeys.of("USER#", "EMAIL#", "LOGINFAIL#", "REFRESH#", "FAMILY#")
            .and(AccountStatus.KEYS);

    private static final List<Route> ROUTES = List.of(
            Route.post("/auth/register").id("register")
                    .handler(MODULE, RegisterHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.CONFLICT)
                    .auth(Auth.PUBLIC).memory(1024)
                    .access(readWrite(KEYS))
                    .summary("Create an account (role learner)")
                    .request("Registration", IdentityRequests.Register.class, 4 * 1024).responds(201, "Profile")
                    .build(),
            Route.post("/auth/login").id("login")
                    .handler(MODULE, LoginHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.UNAUTHORIZED, ProblemType.TOO_MANY_REQUESTS)
                    .throttlesByNetwork()
                    .auth(Auth.PUBLIC).memory(1024)
                    .access(readWrite(KEYS), read(SIGNING_KEYS))
                    .summary("Exchange email and password for an access and a refresh token")
                    .request("Login", IdentityRequests.Login.class, 4 * 1024).responds(200, "TokenPair")
                    .build(),
            Route.post("/auth/refresh").id("refresh")
                    .handler(MODULE, RefreshHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.UNAUTHORIZED)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(readWrite(KEYS), read(SIGNING_KEYS))
                    .summary("Rotate a refresh token: a new pair; a reused token revokes its session")
                    .request("RefreshRequest", IdentityRequests.Refresh.class, 4 * 1024).responds(200, "TokenPair")
                    .build(),
            Route.post("/auth/logout").id("logout")
                    .handler(MODULE, LogoutHandler.class)
                    .audience(Audience.ANYONE)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(readWrite(KEYS))
                    .summary("End the session of a refresh token")
                    .request("RefreshRequest", IdentityRequests.Refresh.class, 4 * 1024).responds(204, null)
                    .build(),
            Route.get("/me").id("get-me")
                    .handler(MODULE, GetMeHandler.class)
                    .audience(Audience.SIGNED_IN)
                    .auth(Auth.USER).memory(512)
                    .access(read(KEYS))
                    .summary("The caller's profile")
                    .responds(200, "Profile")
                    .build(),
            Route.patch("/me").id("update-me")
                    .handler(MODULE, UpdateMeHandler.class)
                    .audience(Audience.SIGNED_IN)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Change the caller's display name or bio")
                    .request("ProfileUpdate", IdentityRequests.UpdateProfile.class, 8 * 1024).responds(200, "Profile")
                    .build(),
            Route.delete("/me").id("delete-me")
                    .handler(MODULE, DeleteMeHandler.class)
                    .audience(Audience.SIGNED_IN)
                    .auth(Auth.USER).memory(1024)
                    .access(readWrite(KEYS), send(ACCOUNTS_QUEUE))
                    .summary("Erase the caller's account (password required)")
                    .request("AccountDeletion", IdentityRequests.DeleteAccount.class, 4 * 1024).responds(204, null)
                    .build(),
            Route.get("/me/export").id("export-me")
                    .handler(MODULE, ExportMeHandler.class)
                    .audience(Audience.SIGNED_IN)
                    .auth(Auth.USER).memory(512)
                    // what other contexts keep about the account, by core's shared layouts
                    .access(read(KEYS.and(PersonalData.KEYS).and(Entitlements.KEYS).and(Progress.KEYS)))
                    .summary("Every personal data item of the caller")
                    .responds(200, "PersonalDataExport")
                    .build(),
            Route.post("/me/roles/creator").id("become-creator")
                    .handler(MODULE, BecomeCreatorHandler.class)
                    .audience(Audience.SIGNED_IN).problems(ProblemType.FORBIDDEN)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(KEYS))
                    .summary("The caller becomes a creator (and stays a learner)")
                    .responds(200, "Profile")
                    .build(),
            Route.put("/admin/users/{id}/roles").id("set-user-roles")
                    .handler(MODULE, SetUserRolesHandler.class)
                    .audience(Audience.ADMIN).problems(ProblemType.CONFLICT)
                    .auth(Auth.ADMIN).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Set a user's roles (admin)")
                    .request("RolesUpdate", IdentityRequests.SetRoles.class, 4 * 1024).responds(200, "Profile")
                    .build(),
            Route.get("/.well-known/jwks.json").id("jwks")
                    .handler(MODULE, JwksHandler.class)
                    .audience(Audience.ANYONE)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(VERIFICATION_KEYS))
                    .summary("The public keys that verify access tokens")
                    .responds(200, "Jwks")
                    .build());

    @Override
    public String module() {
        return MODULE;
    }

    private static final List<Scheduled> SCHEDULES = List.of(
            new Scheduled("account-events-relay", "rate(5 minutes)", MODULE, AccountEventsRelayHandler.class,
                    512, 60, List.of(readWrite(KEYS), send(ACCOUNTS_QUEUE)),
                    "Sends the account events that their request could not send (the erasure outbox)"));

    @Override
    public List<Route> routes() {
        return ROUTES;
    }

    @Override
    public List<Scheduled> schedules() {
        return SCHEDULES;
    }
}
