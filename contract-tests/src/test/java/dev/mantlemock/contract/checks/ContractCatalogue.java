package dev.mantlemock.contract.checks;

import dev.mantlemock.contract.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every contract of the suite, in report order. */
public final class ContractCatalogue {
    private ContractCatalogue() {}

    public static List<Contract> all() {
        List<Contract> all = new ArrayList<>();
        all.addAll(MessageContracts.all());
        all.addAll(StreamingContracts.all());
        all.addAll(ToolUseContracts.all());
        all.addAll(ThinkingContracts.all());
        all.addAll(ModelRuleContracts.all());
        all.addAll(StopContracts.all());
        all.addAll(TokenCountContracts.all());
        all.addAll(CachingContracts.all());
        all.addAll(ErrorContracts.all());
        all.addAll(AuthContracts.all());
        all.addAll(RequestIdContracts.all());
        all.addAll(FixtureContracts.all());
        all.addAll(AnswerKindContracts.all());
        return List.copyOf(all);
    }

    public static Optional<Contract> byId(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
