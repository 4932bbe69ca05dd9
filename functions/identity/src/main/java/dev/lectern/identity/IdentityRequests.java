package dev.lectern.identity;

import java.util.List;

/** The bodies of the identity routes, bound strictly by ApiRequest.bodyAs (unknown fields are refused). */
public final class IdentityRequests {

    private IdentityRequests() {
    }

    public record Register(String email, String password, String displayName) {
    }

    public record Login(String email, String password) {
    }

    public record Refresh(String refreshToken) {
    }

    public record UpdateProfile(String displayName, String bio) {
    }

    public record SetRoles(List<String> roles) {
    }

    public record DeleteAccount(String password) {
    }

    public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }
}
