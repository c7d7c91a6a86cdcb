package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.notify.NotificationsTest;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's issues page by page: every issue once, in the order found, a hundred a page, the filter kept. */
@ExtendWith(RunningApp.class)
class RunIssuesPagingTest {

    @Test
    void theNextPageLinksWalkEveryIssueOnceAndKeepTheFilter(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Many issues district").withoutSafeguards();
        // 250 users without a username: one issue each (plus nothing else)
        StringBuilder users = new StringBuilder(NotificationsTest.users(0));
        for (int i = 0; i < 250; i++) {
            users.append("u").append(i).append(",,,true,s1,student,,,Ann,Lee,,,,,,,,\n");
        }
        NotificationsTest.deliverSchool(f, 0);
        f.deliver("users.csv", users.toString());
        Map<String, Object> run = f.run();
        Console.createOperator(app, "pages-through", "a long enough password", f.tenantId());
        Console console = new Console(app);
        console.signIn("pages-through", "a long enough password");

        String next = "/console/runs/" + run.get("id") + "?file=users.csv&outcome=&code=&sourcedId=";
        List<Integer> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        while (next != null) {
            Console.Page page = console.get(next);
            assertEquals(200, page.status(), next);
            List<Integer> numbers = numbers(page.body());
            pageSizes.add(numbers.size());
            seen.addAll(numbers);
            Matcher link = Pattern.compile("href=\"([^\"]+)#issues\" id=\"next-page\"").matcher(page.body());
            next = link.find() ? link.group(1).replace("&amp;", "&") : null;
            assertTrue(next == null || next.contains("file=users.csv"), "the next page keeps the filter: " + next);
        }
        assertEquals(List.of(100, 100, 50), pageSizes);
        assertEquals(250, seen.stream().distinct().count(), "every issue once");
        assertEquals(seen.stream().sorted().toList(), seen, "in the order found");
    }

    /** The positions (#) of the issues on a page. */
    private static List<Integer> numbers(String html) {
        List<Integer> out = new ArrayList<>();
        int table = html.indexOf("<table class=\"issues\">");
        if (table < 0) {
            return out;
        }
        Matcher m = Pattern.compile("<tr class=\"[a-z]+\"><td class=\"num\">(\\d+)</td>").matcher(html.substring(table));
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}
