/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where the gvisor backend's production probe succeeds (runsc (gVisor, Linux)).
 * Otherwise the test shows as skipped with the probe's reason, or fails when {@code -Dcontainment.test.require}
 * names {@code gvisor}.
 *
 * <pre>{@code
 * @EnabledIfGvisor
 * class GvisorEscapeIT extends EscapeSuite { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EnabledIfGvisor.Condition.class)
public @interface EnabledIfGvisor {

  /** The condition behind the annotation. */
  final class Condition extends BackendCondition {
    public Condition() {
      super("gvisor");
    }
  }
}
