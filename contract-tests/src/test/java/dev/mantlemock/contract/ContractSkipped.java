package dev.mantlemock.contract;

/** Thrown by a check that finds it cannot ask this target; the message becomes the skip reason. */
public final class ContractSkipped extends RuntimeException {
    public ContractSkipped(String reason) {
        super(reason, null, false, false);
    }
}
