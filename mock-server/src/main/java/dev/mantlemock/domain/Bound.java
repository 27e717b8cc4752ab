package dev.mantlemock.domain;

/**
 * The allowed range of one setting, named as the user writes it. Each settings class keeps a table of
 * these and checks itself with them, so the config file, the flags and the admin API refuse the same
 * values with the same sentence: a 400 through the admin API, exit code 2 at start.
 */
public record Bound(String field, double min, double max) {

    public static Bound of(String field, double min, double max) {
        return new Bound(field, min, max);
    }

    /** The value if it is within the range (NaN never is); otherwise a 400 naming the field and the range. */
    public double check(double value) {
        if (!(value >= min && value <= max)) {
            throw ApiException.of(ApiError.SETTING_INVALID, field, "between " + plain(min) + " and " + plain(max), plain(value));
        }
        return value;
    }

    public long check(long value) {
        check((double) value);
        return value;
    }

    public int check(int value) {
        check((double) value);
        return value;
    }

    /** A null value is "not set" and passes. */
    public <N extends Number> N checkIfSet(N value) {
        if (value != null) {
            check(value.doubleValue());
        }
        return value;
    }

    /** A number as a setting is written: 600, not 600.0. */
    public static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
