package org.rostersync.report;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record IssuePage(List<Issue> issues, long total) {
}
