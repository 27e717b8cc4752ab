package dev.mantlemock.load;

/**
 * One assertion a run makes about the quota, with what was seen, so a report says why it held or not.
 *
 * @param name     what is asserted, in words ("below quota: fewer than 1.0% of requests throttled")
 * @param held     whether it held
 * @param observed what the run measured
 * @param control  true for a check that is expected NOT to hold (it proves the run can see throttling)
 */
public record Check(String name, boolean held, String observed, boolean control) {
    public static Check of(String name, boolean held, String observed) {
        return new Check(name, held, observed, false);
    }

    /** As the summary reports it: a control check passes when it fails. */
    public boolean asExpected() {
        return control ? !held : held;
    }
}
