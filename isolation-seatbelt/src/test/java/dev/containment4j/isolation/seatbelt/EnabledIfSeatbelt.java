/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test only where the production probe of the Seatbelt backend succeeds (macOS with a working
 * {@code /usr/bin/sandbox-exec}); elsewhere it is skipped with the reason, visibly. With
 * {@code -Dcontainment.test.require=seatbelt} a missing Seatbelt fails instead. Kept here until core's test-jar
 * ships the shared conditions ({@code dev.containment4j.testing}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EnabledIfSeatbeltCondition.class)
@EnabledOnOs(value = OS.MAC, disabledReason = "macOS only")
public @interface EnabledIfSeatbelt {}
