/**
 * Reading YAML configuration with diagnostics that name file, line, field, what was expected
 * and what was found. Shared by every Cuttle component that reads a config file.
 */
package io.cuttle.common.config;
