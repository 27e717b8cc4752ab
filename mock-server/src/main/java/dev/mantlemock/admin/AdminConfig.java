package dev.mantlemock.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** The {@code admin:} section of the YAML config. */
public final class AdminConfig {
    /**
     * When set, every admin route except health requires it as {@code Authorization: Bearer <token>}
     * or {@code x-mock-admin-token}. Without it the admin API answers only on a loopback address.
     */
    public String token;

    /**
     * Host names besides localhost and the bound address that the admin API answers to, with any port: a
     * compose service name, {@code host.docker.internal}. Given, they make a mock bound to every interface
     * check {@code Host} too (then IP literals also pass), so a DNS-rebinding page is refused by name, not
     * only by the token. The image sets localhost, mantle-mock and host.docker.internal.
     */
    @JsonProperty("allowed-hosts")
    public List<String> allowedHosts = new ArrayList<>();
}
