package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's issues as the run page reads them: a page at a time, with how many match the filter. A run that has ended
 * no longer changes its issues, so its groups (per file, code and outcome) are counted once and remembered: a page of
 * 100,000 issues then costs its page, not a count of every issue as well. A filter on sourcedIds is counted in the
 * database each time. An approved run is computed again and ends again: its groups are counted anew.
 */
@Singleton
public class IssueGroups {

    /** Runs whose groups are remembered, the least recently read forgotten first: an operator reads a few runs at a time. */
    static final int REMEMBERED_RUNS = 200;

    private final IssueStore runs;
    private final Map<String, List<IssueGroup>> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<IssueGroup>> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    };

    IssueGroups(IssueStore runs) {
        this.runs = runs;
    }

    /** The run's issues per file, code and outcome. */
    public List<IssueGroup> of(Run run) {
        if (!ended(run)) {
            return runs.issueGroups(run.id());
        }
        String key = run.id() + "@" + run.finishedAt();
        synchronized (remembered) {
            List<IssueGroup> known = remembered.get(key);
            if (known != null) {
                return known;
            }
        }
        List<IssueGroup> groups = List.copyOf(runs.issueGroups(run.id()));
        synchronized (remembered) {
            remembered.put(key, groups);
        }
        return groups;
    }

    /** A page of the run's issues that match the filter, after position {@code after} (null: from the first). */
    public IssueSlice slice(Run run, IssueFilter filter, @Nullable Integer after, int limit) {
        long matching = filter.sourcedId() != null ? runs.countIssues(run.id(), filter)
                : of(run).stream().filter(g -> g.matches(filter)).mapToLong(IssueGroup::count).sum();
        IssueStore.IssuePageAfter page = runs.issuesAfter(run.id(), filter, after, limit);
        return new IssueSlice(page.issues(), matching, page.after());
    }

    /** Whether the run has ended, so that its issues no longer change. */
    static boolean ended(Run run) {
        return run.finishedAt() != null && run.status() != RunStatus.queued && run.status() != RunStatus.running;
    }
}
