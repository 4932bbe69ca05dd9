package dev.lectern.core.routes;

import java.util.List;

/** What every Lambda function in the catalog has, whatever invokes it. */
public sealed interface FunctionSpec permits Route, Consumer, Scheduled {

    /** Unique, kebab-case; the CDK construct id and the function name suffix. */
    String id();

    /** The {@code functions/<module>} whose lambda jar carries the handler. */
    String module();

    /** Fully qualified handler class. */
    String handler();

    int memoryMb();

    int timeoutSeconds();

    /** The resources the function may touch, and how. Nothing else is granted. */
    List<Access> access();
}
