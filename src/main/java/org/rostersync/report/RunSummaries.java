package org.rostersync.report;

import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a run's {@link RunSummary} from its issue groups ({@link IssueGroups}, counted once per ended run) and the first
 * issues of each group (one pass over the run's issues). An ended run's summary is remembered as its groups are: the
 * run page, its emails and the API ask for it again and again.
 */
@Singleton
public class RunSummaries {

    /** The order groups are shown in: what refused a file, what was not imported, what was kept with an error, the rest. */
    private static final List<Outcome> ORDER = List.of(Outcome.fatal, Outcome.skipped, Outcome.error, Outcome.warning);

    private final IssueGroups groups;
    private final IssueStore issues;
    private final Map<String, RunSummary> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunSummary> eldest) {
            return size() > IssueGroups.REMEMBERED_RUNS;
        }
    };

    RunSummaries(IssueGroups groups, IssueStore issues) {
        this.groups = groups;
        this.issues = issues;
    }

    /** The run's summary: every group of its issues, the ones that matter most first. */
    public RunSummary of(Run run) {
        if (!IssueGroups.ended(run)) {
            return make(run);
        }
        String key = run.id() + "@" + run.finishedAt();
        synchronized (remembered) {
            RunSummary known = remembered.get(key);
            if (known != null) {
                return known;
            }
        }
        RunSummary summary = make(run);
        synchronized (remembered) {
            remembered.put(key, summary);
        }
        return summary;
    }

    private RunSummary make(Run run) {
        List<IssueGroup> counted = new ArrayList<>(groups.of(run));
        counted.sort(Comparator.comparingInt((IssueGroup g) -> ORDER.indexOf(g.outcome()))
                .thenComparing(Comparator.comparingLong(IssueGroup::count).reversed())
                .thenComparing(g -> Objects.toString(g.file(), ""))
                .thenComparing(IssueGroup::code));
        Map<IssueStore.GroupKey, List<RunSummary.Example>> examples = counted.isEmpty() ? Map.of()
                : issues.firstOfEachGroup(run.id(), RunSummary.EXAMPLES);
        Map<Outcome, Long> perOutcome = new EnumMap<>(Outcome.class);
        List<RunSummary.Group> out = new ArrayList<>();
        long total = 0;
        for (IssueGroup g : counted) {
            total += g.count();
            perOutcome.merge(g.outcome(), g.count(), Long::sum);
            String explanation = "";
            String fix = "";
            try {
                IssueCode code = IssueCode.of(g.code());
                explanation = code.explanation();
                fix = code.fix();
            } catch (IllegalArgumentException retired) {
                // a code no longer in the catalogue, kept by an old run: its issues still count, unexplained
            }
            out.add(new RunSummary.Group(g.file(), g.code(), g.outcome(), g.count(), explanation, fix,
                    examples.getOrDefault(new IssueStore.GroupKey(g.file(), g.code(), g.outcome()), List.of()), link(run, g)));
        }
        List<RunSummary.OutcomeCount> outcomes = ORDER.stream().filter(perOutcome::containsKey)
                .map(o -> new RunSummary.OutcomeCount(o, perOutcome.get(o))).toList();
        return new RunSummary(run.id(), total, outcomes, out);
    }

    /** The run page filtered to the group's issues. */
    private static String link(Run run, IssueGroup g) {
        return "/console/runs/" + run.id() + "?file=" + enc(g.file()) + "&outcome=" + g.outcome().name() + "&code=" + enc(g.code())
                + "&sourcedId=#issues";
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
