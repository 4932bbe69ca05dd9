package dev.lectern.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.constructs.IConstruct;

/** cdk-nag suppressions: every one names its rule and says why (docs/design.md, "Reliability and security rules"). */
final class Nag {

    private Nag() {
    }

    static NagPackSuppression suppression(String rule, String reason) {
        return NagPackSuppression.builder().id(rule).reason(reason).build();
    }

    /** Suppresses {@code rule} on {@code construct} and everything under it. */
    static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression(rule, reason)), true);
    }
}
