package dev.mantlemock.auth;

import dev.mantlemock.domain.Principal;
import dev.mantlemock.domain.HttpRequestView;
import java.time.Instant;

/** Decides who sent a request, or refuses it with a 401 (or 403) {@code ApiException}. */
public interface RequestAuthenticator {
    Principal authenticate(HttpRequestView request, Instant now);
}
