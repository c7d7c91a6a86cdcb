package org.rostersync.roster;

import org.rostersync.database.DataAccessException;
import org.rostersync.oneroster.ColumnType;
import org.rostersync.oneroster.RosterFile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One request's roster reads, all on one connection to a server whose tenant's roster stamp was {@code stamp} when they
 * began ({@link RosterQuery#read} opens it on the primary or the read replica): pages of records filtered, sorted and windowed
 * in SQL, built only from the allow-list of {@link RosterFields} with every value bound. Records are maps as
 * {@link RosterRecords} reads them. Valid only inside the read that handed it out.
 */
public final class RosterReader {

    private final Connection c;
    private final long stamp;
    private final Continuations continuations;
    private final Counts counts;

    RosterReader(Connection c, long stamp, Continuations continuations, Counts counts) {
        this.c = c;
        this.stamp = stamp;
        this.continuations = continuations;
        this.counts = counts;
    }

    public Page page(Scope scope, Query query) throws InvalidQueryException {
        try {
            return page(scope, query, true);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** @param walk whether a next page may follow (a collection), so that where this one ended is worth keeping */
    private Page page(Scope scope, Query query, boolean walk) throws SQLException, InvalidQueryException {
        Selection selection = Selection.of(scope, query);
        Optional<Continuations.Resume> resume = query.sort() == null && query.offset() > 0
                ? continuations.at(selection, stamp, query.offset()) : Optional.empty();
        Sql select = new Sql().append("SELECT t.sourced_id, t.status, t.date_last_modified, t.metadata, "
                + RosterTable.columnList(query.file(), "t.") + ", t.source_id FROM " + RosterTable.name(query.file()) + " t");
        where(select, scope, query);
        resume.ifPresent(r -> select.append(" AND (t.sourced_id, t.source_id) > (?, ?)", r.sourcedId(), r.sourceId()));
        select.append(" ORDER BY ");
        if (query.sort() != null) {
            RosterFields.Field field = RosterFields.of(query.file(), query.sort().field())
                    .filter(f -> f.type() != ColumnType.LIST)
                    .orElseThrow(() -> new InvalidQueryException(true, "cannot sort on '" + query.sort().field() + "'"));
            select.append(field.sql() + (query.sort().descending() ? " DESC" : " ASC") + " NULLS LAST, ");
        }
        select.append("t.sourced_id, t.source_id LIMIT ? OFFSET ?", query.limit(), resume.isPresent() ? 0 : query.offset());
        List<Map<String, Object>> records;
        try (PreparedStatement ps = select.prepare(c)) {
            records = RosterRecords.read(query.file(), ps);
        }
        long total;
        if (records.size() < query.limit() && (!records.isEmpty() || query.offset() == 0)) {
            // a short page that is not past the end tells the total without counting: most filtered reads stop here
            total = (long) query.offset() + records.size();
        } else {
            total = counts.total(stamp, selection, () -> count(scope, query));
        }
        if (walk && query.sort() == null && records.size() == query.limit()) {
            Map<String, Object> last = records.get(records.size() - 1);
            continuations.put(selection, stamp, (long) query.offset() + records.size(),
                    new Continuations.Resume((String) last.get("sourcedId"), (UUID) last.get(RosterRecords.SOURCE_ID)));
        }
        return new Page(records, total);
    }

    private long count(Scope scope, Query query) throws SQLException, InvalidQueryException {
        Sql count = new Sql().append("SELECT count(*) FROM " + RosterTable.name(query.file()) + " t");
        where(count, scope, query);
        try (PreparedStatement ps = count.prepare(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first record (by sourcedId, then source) meeting every constraint, within the scope. */
    public Optional<Map<String, Object>> first(Scope scope, RosterFile file, List<Constraint> constraints)
            throws InvalidQueryException {
        try {
            return page(scope, new Query(file, constraints, null, null, 1, 0), false).records().stream().findFirst();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** For orgs and academic sessions: the sourcedIds of the visible records whose parent is each of {@code parents}. */
    public Map<String, List<String>> children(Scope scope, RosterFile file, List<String> parents) {
        if (file != RosterFile.ORGS && file != RosterFile.ACADEMIC_SESSIONS) {
            throw new IllegalArgumentException(file + " has no parent column");
        }
        Map<String, List<String>> out = new HashMap<>();
        if (parents.isEmpty()) {
            return out;
        }
        Sql sql = new Sql().append("SELECT t.parent_sourced_id, t.sourced_id FROM " + RosterTable.name(file) + " t");
        Where.scope(sql, file, scope);
        sql.append(" AND t.parent_sourced_id = ANY (?) ORDER BY t.sourced_id", Sql.texts(parents));
        try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> children = out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                if (children.isEmpty() || !children.get(children.size() - 1).equals(rs.getString(2))) {
                    children.add(rs.getString(2)); // one sourcedId held by two sources is one child
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        return out;
    }

    private static void where(Sql sql, Scope scope, Query query) throws InvalidQueryException {
        Where.scope(sql, query.file(), scope);
        for (Constraint constraint : query.fixed()) {
            Where.constraint(sql, query.file(), scope, constraint);
        }
        if (query.filter() != null) {
            Where.filter(sql, query.file(), query.filter());
        }
    }
}
