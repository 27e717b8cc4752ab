package dev.mantlemock.contract;

/**
 * A contract's result against one target, with what it cost.
 *
 * @param reason why it failed or was skipped; null when it passed
 */
public record ContractResult(String id, String area, String promise, boolean mockOnly, Outcome outcome, String reason, Cost cost) {
    public static ContractResult of(Contract contract, Outcome outcome, String reason, Cost cost) {
        return new ContractResult(contract.id(), contract.area(), contract.promise(), contract.mockOnly(), outcome, reason, cost);
    }
}
