/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.host;

import dev.containment4j.Containment;
import dev.containment4j.guard.Approver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Asking a human on the console when the guard answers {@code ask} ({@code docs/guard.md}). */
public final class ConsoleApprover {
  private ConsoleApprover() {}

  static Containment withConsoleApprovals(Containment base) {
    // tag::approver[]
    BufferedReader console = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return base.withApprover((call, question) -> {
      System.out.printf("Agent wants to run: %s%nReason to ask: %s%nAllow? [y/N] ", call.describe(),
          question.reason());
      try {
        String answer = console.readLine();
        return "y".equalsIgnoreCase(answer == null ? "" : answer.strip())
            ? Approver.Approval.approve() : Approver.Approval.reject("the user said no");
      } catch (IOException e) {
        return Approver.Approval.reject("no answer from the console");
      }
    });
    // end::approver[]
  }
}
