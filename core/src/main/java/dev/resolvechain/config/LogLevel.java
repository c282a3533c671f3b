package dev.resolvechain.config;

/** The values of {@code log.level}: the agent's own log threshold. */
public enum LogLevel { OFF, ERROR, WARN, INFO, DEBUG, TRACE }
