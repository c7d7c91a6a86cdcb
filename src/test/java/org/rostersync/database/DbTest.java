package org.rostersync.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.RunningApp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every store relies on: parameters and rows converted one way, transactions whole or not at all, the SQLState kept. */
@ExtendWith(RunningApp.class)
class DbTest {

    private enum Colour { green }

    private record Converted(Instant at, String colour, List<String> texts, List<UUID> uuids, Long none) {
    }

    @Test
    void parametersAndRowsKeepTheirValues(RunningApp.App app) {
        Db db = app.context().getBean(Db.class);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();

        Converted read = db.one("SELECT ?::timestamptz, ?::text, ?::text[], ?::uuid[], ?::bigint",
                row -> new Converted(row.instant(1), row.text(2), row.texts(3), row.uuids(4), row.nullableNumber(5)),
                at, Colour.green, Statements.texts(List.of("a", "b")), Statements.uuids(List.of(id)), null);

        assertEquals(new Converted(at, "green", List.of("a", "b"), List.of(id), null), read);
    }

    @Test
    void aTransactionThatThrowsLeavesNothingBehind(RunningApp.App app) {
        Db db = app.context().getBean(Db.class);
        UUID tenant = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> db.inTransaction(tx -> {
            tx.update("INSERT INTO tenant (id, name) VALUES (?, ?)", tenant, "Rolled back district");
            assertTrue(tx.exists("SELECT 1 FROM tenant WHERE id = ?", tenant), "the transaction sees its own row");
            throw new IllegalStateException("stop");
        }));

        assertFalse(db.exists("SELECT 1 FROM tenant WHERE id = ?", tenant));
        assertEquals(Optional.empty(), db.optional("SELECT name FROM tenant WHERE id = ?", row -> row.text(1), tenant));
    }

    @Test
    void aRefusedStatementIsADataAccessExceptionWithItsSqlState(RunningApp.App app) {
        Db db = app.context().getBean(Db.class);
        UUID tenant = UUID.randomUUID();
        db.update("INSERT INTO tenant (id, name) VALUES (?, ?)", tenant, "Once district");

        DataAccessException again = assertThrows(DataAccessException.class,
                () -> db.update("INSERT INTO tenant (id, name) VALUES (?, ?)", tenant, "Twice district"));
        assertTrue(again.isUniqueViolation(), again.sqlState());

        DataAccessException syntax = assertThrows(DataAccessException.class, () -> db.update("UPDATE nowhere SET x = 1"));
        assertFalse(syntax.isUniqueViolation());
        assertEquals("42P01", syntax.sqlState(), "undefined table");
    }
}
