package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorType;

/** Shorthands for the two answers auth gives: 401 authentication_error and 403 permission_error. */
final class AuthFailure {
    private AuthFailure() {}

    static ApiException unauthenticated(String format, Object... args) {
        return new ApiException(ErrorType.AUTHENTICATION, args.length == 0 ? format : String.format(format, args));
    }

    static ApiException forbidden(String format, Object... args) {
        return new ApiException(ErrorType.PERMISSION, args.length == 0 ? format : String.format(format, args));
    }
}
