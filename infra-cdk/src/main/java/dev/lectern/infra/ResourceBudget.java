package dev.lectern.infra;

import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IValidation;

/**
 * How many resources a Lectern stack may hold. CloudFormation refuses a template above 500; we
 * stop at {@value #MAX_RESOURCES}, far enough below that a context can grow for a while after a
 * test first warns, and a stack stays quick to deploy and to read. A context stack costs 8
 * resources per function (10 for a GET route, which also answers HEAD), so one holds about 25
 * functions; a context that outgrows that is split into two modules (two stacks), not squeezed.
 */
public final class ResourceBudget {

    /** The most resources any Lectern stack may synthesize. */
    public static final int MAX_RESOURCES = 250;

    private ResourceBudget() {
    }

    /** Synthesis fails, naming the stack and its count, when the stack outgrows the budget. */
    static void enforce(Stack stack) {
        stack.getNode().addValidation(new IValidation() {
            @Override
            public List<String> validate() {
                long count = count(stack);
                return count <= MAX_RESOURCES ? List.of() : List.of(stack.getStackName() + " has " + count
                        + " resources, over Lectern's budget of " + MAX_RESOURCES
                        + " (CloudFormation stops at 500): split the context into two modules");
            }
        });
    }

    /** The CloudFormation resources {@code stack} synthesizes (Lectern nests no stacks). */
    static long count(Stack stack) {
        return stack.getNode().findAll().stream()
                .filter(CfnResource::isCfnResource)
                .count();
    }
}
