package org.rostersync.api.oneroster;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rostersync.roster.Condition;
import org.rostersync.roster.Filter;
import org.rostersync.roster.Op;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter grammar of the 1.1 binding: what it accepts, what it refuses and where. */
class FilterParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "familyName='Garcia'       | familyName | EQ       | Garcia",
            "status!='active'          | status     | NE       | active",
            "schoolYear>'2026'         | schoolYear | GT       | 2026",
            "schoolYear>='2026'        | schoolYear | GE       | 2026",
            "startDate<'2027-01-01'    | startDate  | LT       | 2027-01-01",
            "startDate<='2027-01-01'   | startDate  | LE       | 2027-01-01",
            "givenName~'an'            | givenName  | CONTAINS | an",
    })
    void everyOperatorIsRead(String text, String field, Op op, String value) throws Exception {
        assertEquals(new Filter(List.of(new Condition(field, op, value)), false), FilterParser.parse(text));
    }

    @Test
    void oneAndOrOneOrJoinsTwoPredicates() throws Exception {
        assertEquals(new Filter(List.of(new Condition("dateLastModified", Op.GT, "2024-01-01T00:00:00Z"),
                        new Condition("status", Op.EQ, "active")), false),
                FilterParser.parse("dateLastModified>'2024-01-01T00:00:00Z' AND status='active'"));
        assertEquals(new Filter(List.of(new Condition("role", Op.EQ, "student"), new Condition("role", Op.EQ, "teacher")), true),
                FilterParser.parse("role='student' OR role='teacher'"));
    }

    @Test
    void twoQuotesInsideAValueAreOneQuoteAndOperatorsInsideAValueAreText() throws Exception {
        assertEquals(new Condition("familyName", Op.EQ, "O'Sullivan"), FilterParser.parse("familyName='O''Sullivan'").conditions().get(0));
        assertEquals(new Condition("familyName", Op.EQ, "x' OR '1'='1"),
                FilterParser.parse("familyName='x'' OR ''1''=''1'").conditions().get(0));
        assertEquals(new Condition("title", Op.EQ, " AND a>=b "), FilterParser.parse("title=' AND a>=b '").conditions().get(0));
        assertEquals(new Condition("title", Op.EQ, ""), FilterParser.parse("title=''").conditions().get(0));
        assertEquals(new Condition("sourcedId", Op.EQ, "\\"), FilterParser.parse("sourcedId='\\'").conditions().get(0),
                "a backslash is no escape: it is itself");
    }

    @Test
    void dottedFieldsAreNamesOfTheirOwn() throws Exception {
        assertEquals(new Condition("parent.sourcedId", Op.EQ, "org-district"), FilterParser.parse("parent.sourcedId='org-district'").conditions().get(0));
        assertEquals(new Condition("metadata.district-code", Op.NE, "7"), FilterParser.parse("metadata.district-code!='7'").conditions().get(0));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "familyName='x' OR '1'='1'       | expected a field name at character 19",
            "familyName='x'; DROP TABLE t    | expected the end of the filter, or ' AND ' or ' OR ' and a second predicate at character 15",
            "sourcedId='x                    | the value opened here has no closing quote at character 11",
            "familyName=x                    | expected a value in single quotes at character 12",
            "familyName                      | expected an operator (= != > >= < <= ~) at character 11",
            "='x'                            | expected a field name at character 1",
            "a='1' AND b='2' AND c='3'       | expected the end of the filter (one AND or OR joins at most two predicates) at character 16",
            "a='1' and b='2'                 | expected the end of the filter, or ' AND ' or ' OR ' and a second predicate at character 6",
            "a='1'AND b='2'                  | expected the end of the filter, or ' AND ' or ' OR ' and a second predicate at character 6",
            "a = '1'                         | expected an operator (= != > >= < <= ~) at character 2",
            "a.='1'                          | 'a.' is not a field name at character 1",
            "a=='1'                          | expected a value in single quotes at character 3",
    })
    void malformedFiltersAreRefusedNamingWhatAndWhere(String text, String message) {
        assertEquals(message, assertThrows(FilterParser.SyntaxException.class, () -> FilterParser.parse(text)).getMessage());
    }

    @Test
    void anEmptyFilterIsRefused() {
        assertThrows(FilterParser.SyntaxException.class, () -> FilterParser.parse(""));
        assertThrows(FilterParser.SyntaxException.class, () -> FilterParser.parse("   "));
    }

    @Property(tries = 2000)
    void anyTextEitherParsesOrIsASyntaxErrorInsideIt(@ForAll("filterish") String text) {
        try {
            Filter filter = FilterParser.parse(text);
            assertFalse(filter.conditions().isEmpty());
        } catch (FilterParser.SyntaxException e) {
            int position = Integer.parseInt(e.getMessage().replaceAll(".* at character (\\d+)$", "$1"));
            assertTrue(position >= 1 && position <= text.length() + 1, e.getMessage());
        }
    }

    @Property(tries = 1000)
    void aWrittenFilterReadsBackAsTheSame(@ForAll("filters") Filter filter) throws Exception {
        String joined = String.join(filter.any() ? " OR " : " AND ", filter.conditions().stream().map(Condition::toString).toList());
        assertEquals(filter, FilterParser.parse(joined));
    }

    @Provide
    Arbitrary<String> filterish() {
        Arbitrary<String> pieces = Arbitraries.of("familyName", "parent.sourcedId", "=", "!=", ">=", "~", "'", "''", " AND ", " OR ",
                " ", "x", "é", "\u0000", "\\", ";", "--", "%", "_", "\uD83D\uDE00");
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
                pieces.list().ofMaxSize(12).map(l -> String.join("", l)));
    }

    @Provide
    Arbitrary<Filter> filters() {
        Arbitrary<String> fields = Arbitraries.of("sourcedId", "familyName", "parent.sourcedId", "metadata.x-y_z", "dateLastModified");
        Arbitrary<Op> ops = Arbitraries.of(Op.class);
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("' OR '1'='1", "'; DROP TABLE roster_user; --", "\\", "a AND b='c'", "''"));
        Arbitrary<Condition> condition = Combinators.combine(fields, ops, values).as(Condition::new);
        return Combinators.combine(condition.list().ofMinSize(1).ofMaxSize(2), Arbitraries.of(true, false)).as(Filter::new);
    }
}
