package dev.mantlemock.admin;

/** The {@code admin:} section of the YAML config. */
public final class AdminConfig {
    /**
     * When set, every admin route except health requires it as {@code Authorization: Bearer <token>}
     * or {@code x-mock-admin-token}. Without it the admin API answers only on a loopback address.
     */
    public String token;
}
