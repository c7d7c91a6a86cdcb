package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every issue a run can report: its stable code (stored with each issue, shown to operators and API clients, so never
 * renamed), its default outcome, what it means for an operator, and how to fix it at the SIS. Where the outcome depends
 * on the source's data requirements or on the case, the code raising it says so with {@link IssueAt#outcome}; the
 * explanation names the cases. docs/issue-codes.md is this table (IssueCodesTest keeps the two equal).
 */
public enum IssueCode {

    CSV_UTF16("csv.utf16", Outcome.warning, "The file is UTF-16, not the UTF-8 OneRoster asks for. It was read as UTF-16 and its"
            + " names were kept.", "Export the file as UTF-8 (a spreadsheet's \"Unicode text\" is UTF-16)."),
    CSV_WINDOWS_1252("csv.windows_1252", Outcome.warning, "The file is not UTF-8: its accented letters are Windows-1252 bytes, the"
            + " export of an older SIS. It was read as Windows-1252 and its names were kept.", "Export the file as UTF-8."),
    CSV_INVALID_UTF8("csv.invalid_utf8", Outcome.skipped, "A row of a UTF-8 file holds bytes that are not UTF-8 (part of it was"
            + " saved in another encoding?). The row changes nothing: the record it names keeps what it had. In the header line"
            + " the file cannot be read (fatal).", "Save the whole file as UTF-8; the issue names the column with the bytes."),
    CSV_LINE_TOO_LONG("csv.line_too_long", Outcome.skipped, "A row is over 65,536 characters and was not read, to keep memory"
            + " bounded; the record it names keeps what it had. Often a quote left open runs on. In the header line the file"
            + " cannot be read (fatal).", "Close the quote or shorten the value on that line."),
    CSV_STRAY_QUOTE("csv.stray_quote", Outcome.skipped, "A field holds a quote without being quoted as a whole (\"Patel\" Jr),"
            + " which CSV does not allow: the row was not read, and the record it names keeps what it had. In the header line"
            + " the file cannot be read (fatal).", "Quote the whole field and double the quotes inside it (\"\"\"Patel\"\" Jr\")."),
    CSV_UNCLOSED_QUOTE("csv.unclosed_quote", Outcome.skipped, "The last row opens a quote it never closes, so it was not read."
            + " A quote that swallows line after line (past 65,536 characters) fails the file (fatal): the rows after it"
            + " cannot be told apart.", "Close the quote, or double the quotes inside a quoted field."),

    CSV_WRONG_DELIMITER("csv.wrong_delimiter", Outcome.fatal, "The file is delimited by semicolons, tabs or vertical bars, not"
            + " the commas OneRoster requires (a spreadsheet saved as CSV where the decimal mark is a comma writes semicolons):"
            + " each line reads as one column, so the file was refused as a whole. The issue names the delimiter found.",
            "Export the file as comma-separated CSV (in a spreadsheet: CSV UTF-8, comma delimited)."),

    ZIP_TOO_MANY_ENTRIES("zip.too_many_entries", Outcome.fatal, "The zip holds more than 20 entries (a delivery has at most 14"
            + " files): it was not unpacked, and the run failed.", "Zip only the OneRoster files of one delivery."),
    ZIP_UNSAFE_ENTRY("zip.unsafe_entry", Outcome.fatal, "An entry's name has '..', an absolute path or a backslash, which could"
            + " write outside the delivery: the zip was refused.", "Zip the OneRoster files themselves, at the zip's root."),
    ZIP_NESTED_ENTRY("zip.nested_entry", Outcome.warning, "An entry inside a folder of the zip was ignored: only files at the"
            + " zip's root are read.", "Zip the files themselves, not the folder that holds them."),
    ZIP_UNKNOWN_ENTRY("zip.unknown_entry", Outcome.warning, "An entry is not named like a OneRoster file and was ignored.",
            "Leave other files out of the zip, and name the OneRoster files as the spec does (users.csv, ...)."),
    ZIP_DUPLICATE_ENTRY("zip.duplicate_entry", Outcome.fatal, "The zip holds one file name twice, so which one to read cannot be"
            + " told: the run failed.", "Build the zip again with each file once."),
    ZIP_TOO_LARGE("zip.too_large", Outcome.fatal, "An entry unpacks past the limits (2 GiB in all, or a compression ratio over"
            + " 100:1), as a zip bomb would: unpacking stopped and the run failed.", "Send the files as loose files, or in a"
            + " zip within the limits."),
    ZIP_UNREADABLE("zip.unreadable", Outcome.fatal, "The .zip file cannot be read as a zip (cut short, or not a zip).",
            "Upload the zip again, complete."),

    DELIVERY_FILE_IGNORED("delivery.file_ignored", Outcome.warning, "A zip delivery is read on its own: a file beside the newest"
            + " zip was ignored.", "Send either loose files or one zip."),
    DELIVERY_FILE_NOT_IMPORTED("delivery.file_not_imported", Outcome.warning, "The file is not a OneRoster 1.1 rostering file"
            + " (a gradebook or resources file, a OneRoster 1.2 file, another name): it was ignored.",
            "Nothing, if the file is meant for another system; otherwise leave it out."),
    DELIVERY_CHANGED_AFTER_UPLOAD("delivery.changed_after_upload", Outcome.fatal, "The file's bytes on the server are no longer"
            + " those its upload delivered (SHA-256): the run failed and nothing was applied.", "Upload the file again; if it"
            + " happens again, suspect the server's storage, not the SIS."),

    MANIFEST_MISSING("manifest.missing", Outcome.warning, "No manifest.csv: the delivery was read as OneRoster 1.0-style, every"
            + " rostering file present in bulk (the complete set).", "Send manifest.csv, declaring each file bulk, delta or absent."),
    MANIFEST_UNREADABLE("manifest.unreadable", Outcome.fatal, "manifest.csv cannot be read as CSV, so which files to import is"
            + " unknown: the run failed.", "Export manifest.csv again as UTF-8 CSV with the header propertyName,value."),
    MANIFEST_VERSION_MISSING("manifest.version_missing", Outcome.warning, "manifest.csv has no oneroster.version row: read as"
            + " OneRoster 1.1.", "Add the row oneroster.version,1.1."),
    MANIFEST_UNSUPPORTED_VERSION("manifest.unsupported_version", Outcome.fatal, "manifest.csv says OneRoster 1.2; rostersync"
            + " receives OneRoster 1.1, so nothing was imported.", "Export the delivery as OneRoster 1.1."),
    MANIFEST_VERSION_UNEXPECTED("manifest.version_unexpected", Outcome.warning, "manifest.csv names a oneroster.version other"
            + " than 1.1 or a manifest.version other than 1.0: read as OneRoster 1.1.",
            "Write oneroster.version,1.1 and manifest.version,1.0."),
    MANIFEST_MODE_MISSING("manifest.mode_missing", Outcome.warning, "A rostering file was delivered, but manifest.csv has no"
            + " file.<entity> row for it: imported in bulk, as the complete set.", "Add file.<entity>,bulk (or delta) for it."),
    MANIFEST_FILE_DECLARED_ABSENT("manifest.file_declared_absent", Outcome.warning, "A file was delivered, but manifest.csv"
            + " declares it absent: ignored.", "Declare it bulk or delta, or leave it out of the delivery."),
    MANIFEST_FILE_MISSING("manifest.file_missing", Outcome.fatal, "manifest.csv lists a file as bulk or delta, but it has not"
            + " been delivered completely: the run failed.", "Deliver the file (its upload must finish), or declare it absent."),
    MANIFEST_MODE_INVALID("manifest.mode_invalid", Outcome.fatal, "A file.<entity> row of manifest.csv has a mode other than"
            + " absent, bulk or delta: the run failed.", "Write absent, bulk or delta."),

    SCHEMA_DUPLICATE_HEADER("schema.duplicate_header", Outcome.fatal, "The header names a column twice, so which value is the"
            + " column's cannot be told: the file, and the run, failed.", "Export the column once."),
    SCHEMA_ONEROSTER_1_2_LAYOUT("schema.oneroster_1_2_layout", Outcome.fatal, "users.csv has the OneRoster 1.2 layout"
            + " (primaryOrgSourcedId, no orgSourcedIds): refused.", "Export the OneRoster 1.1 users.csv (orgSourcedIds, role)."),
    SCHEMA_MISSING_HEADER("schema.missing_header", Outcome.error, "The header lacks a column. Without sourcedId, or an attribute"
            + " the source requires (Skip if Missing), the file fails (fatal); a required attribute (Report if Missing) is one"
            + " error for all rows, each imported without it; an optional one is a warning, read as blank.",
            "Export the column, even when its values are blank."),
    SCHEMA_MAPPED_COLUMN_MISSING("schema.mapped_column_missing", Outcome.warning, "The source's attribute mapping reads an"
            + " attribute from a column the header lacks: it was read from its own column instead.",
            "Export the mapped column, or change the mapping."),
    SCHEMA_UNKNOWN_HEADER("schema.unknown_header", Outcome.warning, "A column is not part of OneRoster 1.1 for the file and was"
            + " ignored.", "Put vendor data in metadata.* columns, or leave the column out."),
    SCHEMA_LEGACY_HEADER("schema.legacy_header", Outcome.warning, "A column has its OneRoster 1.0 name (agents, grade, userId,"
            + " demographics' userSourcedId): read as its 1.1 column.", "Use the OneRoster 1.1 column name."),
    SCHEMA_HEADER_CASE("schema.header_case", Outcome.warning, "A header name matches a column only with other letter case or"
            + " spaces around it: accepted.", "Spell header names exactly as the spec does; they are case-sensitive."),
    SCHEMA_HEADER_ONLY("schema.header_only", Outcome.warning, "The file has a header but no rows. As a bulk file it says that"
            + " every record of it is gone.", "Check the export; declare the file absent in manifest.csv if it was not exported."),

    ROW_BLANK_LINE("row.blank_line", Outcome.skipped, "A blank line, skipped.", "Leave blank lines out of the export."),
    ROW_MISSING_REQUIRED_VALUE("row.missing_required_value", Outcome.error, "A value the source requires is blank: the record"
            + " was imported without it (Report if Missing), or not imported (skipped: Skip if Missing, and always for a blank"
            + " sourcedId). A delta row needs status and dateLastModified.", "Fill the value in the SIS, or send the row only"
            + " once it has it."),
    ROW_FIELD_TOO_LONG("row.field_too_long", Outcome.error, "A value is longer than kept (a sourcedId over 255 characters:"
            + " skipped; another value over 4,096: left out, or skipped under Skip if Missing; a metadata.* value over 8,192:"
            + " left out, a warning).", "Shorten the value; a long one is usually two fields run together."),
    ROW_WRONG_FIELD_COUNT("row.wrong_field_count", Outcome.skipped, "A row has more or fewer fields than the header (a comma"
            + " inside a field that is not quoted?): it changes nothing, and the record it names keeps what it had.",
            "Quote fields that hold commas."),
    ROW_CONTROL_CHARACTER("row.control_character", Outcome.skipped, "A field holds a control character other than tab and line"
            + " breaks: the row changes nothing, and the record it names keeps what it had.", "Remove the character"
            + " (often pasted from another program) from the value the issue names."),
    ROW_INVALID_STATUS("row.invalid_status", Outcome.error, "status is neither active nor tobedeleted: read as active.",
            "Write active or tobedeleted."),
    ROW_LEGACY_STATUS("row.legacy_status", Outcome.warning, "status inactive is OneRoster 1.0: read as tobedeleted.",
            "Write tobedeleted."),
    ROW_INVALID_DATETIME("row.invalid_datetime", Outcome.error, "A date and time cannot be read (ISO 8601): the record was"
            + " imported without it, or skipped under Skip if Missing.", "Write it as ISO 8601 with a zone, e.g."
            + " 2026-08-17T06:00:00.000Z."),
    ROW_LENIENT_DATETIME("row.lenient_datetime", Outcome.warning, "A date and time without a zone, with a space or as a bare"
            + " date: read as UTC.", "Write it as ISO 8601 with a zone, e.g. 2026-08-17T06:00:00.000Z."),
    ROW_INVALID_DATE("row.invalid_date", Outcome.error, "A date is not a real YYYY-MM-DD date: the record was imported without"
            + " it, or skipped under Skip if Missing.", "Write dates as YYYY-MM-DD."),
    ROW_INVALID_YEAR("row.invalid_year", Outcome.error, "A year is not YYYY: the record was imported without it, or skipped"
            + " under Skip if Missing.", "Write the year the school year ends, as YYYY."),
    ROW_INVALID_BOOLEAN("row.invalid_boolean", Outcome.error, "A value is neither true nor false: the record was imported"
            + " without it, or skipped under Skip if Missing.", "Write true or false."),
    ROW_INVALID_ENUM("row.invalid_enum", Outcome.error, "A value is not one of the column's vocabulary (nor an ext: extension):"
            + " the record was imported without it, or skipped under Skip if Missing.", "Use the spec's values for the column."),
    ROW_INVALID_LIST("row.invalid_list", Outcome.error, "A list holds no value, only commas: the record was imported without"
            + " it, or skipped under Skip if Missing.", "Leave the field blank, or list the values."),
    ROW_INVALID_USER_IDS("row.invalid_user_ids", Outcome.error, "userIds is not a list of {type:identifier}: the record was"
            + " imported without it, or skipped under Skip if Missing.", "Write each id as {type:identifier}, e.g. {LDAP:jdoe}."),
    ROW_VALUE_CASE("row.value_case", Outcome.warning, "A vocabulary value or a boolean in other letter case (TRUE, Student):"
            + " accepted.", "Spell the value as the spec does."),
    ROW_UNKNOWN_GRADE("row.unknown_grade", Outcome.warning, "A grade is not a CEDS grade level code (a local code?): imported.",
            "Use CEDS grade levels (KG, 01, ..., 12) where possible."),
    ROW_BULK_STATUS_FILLED("row.bulk_status_filled", Outcome.warning, "Rows of a bulk file fill status or dateLastModified,"
            + " which bulk files leave blank: tolerated, the file is still the complete set (one issue per file).",
            "Leave status and dateLastModified blank in bulk files."),
    ROW_DELETION_PREVENTED("row.deletion_prevented", Outcome.skipped, "A delta row says tobedeleted, and the source's"
            + " safeguards never delete: not applied.", "Nothing, unless the record should really go: then an operator"
            + " changes the safeguard."),
    ROW_SCHOOL_ADDED("row.school_added", Outcome.warning, "A school new to the source's school mapping was added to it and"
            + " included (auto mode).", "Nothing; an operator can exclude the school in the mapping."),
    ROW_SCHOOL_EXCLUDED("row.school_excluded", Outcome.skipped, "The school mapping excludes the school: it and its records"
            + " were not imported.", "Nothing at the SIS; an operator includes the school in the mapping to import it."),
    ROW_SCHOOL_NOT_MAPPED("row.school_not_mapped", Outcome.skipped, "The school is not in the school mapping (explicit mode):"
            + " it and its records were not imported.", "Nothing at the SIS; an operator includes the school to import it."),

    REFERENCE_DUPLICATE_SOURCED_ID("reference.duplicate_sourced_id", Outcome.skipped, "A sourcedId appears twice in the file:"
            + " only its first row was imported.", "Give each record its own sourcedId, and export each once."),
    REFERENCE_MISSING_TARGET("reference.missing_target", Outcome.error, "A reference names no record of the file it points"
            + " into (delivered in bulk): taken out of the value. A record left without an attribute the source requires is"
            + " skipped.", "Export the record referred to, or correct the reference."),
    REFERENCE_SKIPPED_TARGET("reference.skipped_target", Outcome.error, "A reference names a record that was skipped (see its"
            + " issue): taken out, as for a missing one, so that the cascade (a skipped user's enrollments) is visible.",
            "Fix the skipped record's own issue."),
    REFERENCE_NOT_A_SCHOOL("reference.not_a_school", Outcome.skipped, "schoolSourcedId names an org that is not of type school"
            + " (a department?): the class or enrollment was skipped, or imported with a warning if the source accepts it"
            + " (classes.schoolOfAnotherType: report).", "Point schoolSourcedId at the school, or give the org type school."),
    REFERENCE_SCHOOL_NOT_MAPPED("reference.school_not_mapped", Outcome.skipped, "A record needs a school outside the source's"
            + " school mapping: not imported (a user with other, mapped schools keeps those).",
            "Nothing at the SIS; an operator includes the school to import its records."),

    SAFEGUARD_DELETIONS("safeguard.deletions", Outcome.warning, "The run would delete more of a file's active records than the"
            + " source's safeguard allows: held, nothing applied until an operator approves or discards it.",
            "Check the export is complete (a school or a term left out?), then deliver again; or an operator approves."),
    SAFEGUARD_CHANGES("safeguard.changes", Outcome.warning, "The run would change more of a file's active records than the"
            + " source's safeguard allows: held until an operator approves or discards it.",
            "Check that ids did not change in the SIS (a re-keyed export changes every record)."),
    SAFEGUARD_UNREADABLE_ROWS("safeguard.unreadable_rows", Outcome.warning, "A bulk file would withdraw records while rows of"
            + " it that could not be read name no record: a withdrawn record may be one of those rows'. Held.",
            "Fix the unreadable rows (their issues name the lines) and deliver again; or an operator approves."),
    SAFEGUARD_DELETIONS_PREVENTED("safeguard.deletions_prevented", Outcome.warning, "Records a bulk file no longer lists were"
            + " kept active: the source's safeguards never delete.", "Nothing, unless they should go: then an operator changes"
            + " the safeguard."),

    RUN_INTERNAL_ERROR("run.internal_error", Outcome.fatal, "The run stopped on a fault of the service (the database, the disk,"
            + " a bug), not of the delivery: nothing was applied. The log has the details.", "Nothing at the SIS; an operator"
            + " runs it again once the fault is fixed."),
    RUN_OUT_OF_MEMORY("run.out_of_memory", Outcome.fatal, "The run ran out of heap: nothing was applied.", "Nothing at the"
            + " SIS; give the service more heap (-Xmx) or lower ROSTERSYNC_RUNS_PART_RECORDS."),
    RUN_APPROVAL_REFUSED("run.approval_refused", Outcome.fatal, "A held run was approved, but computed again on the roster as"
            + " it is now it would change other records than its change list showed: the approval was refused, nothing was"
            + " applied.", "Nothing at the SIS; run the source again and review what it would change now."),
    RUN_ISSUES_TRUNCATED("run.issues_truncated", Outcome.warning, "More issues of one code in one file than are listed (25,000)"
            + " or kept (100,000 in all): the counts include the rest.", "Fix the listed ones: the rest are usually the same."),

    REMOTE_NAME_LOOKUP_FAILED("remote.name_lookup_failed", Outcome.fatal, "The remote server's host name does not resolve: nothing"
            + " was fetched or applied.", "Check the host name in the source's remote delivery settings."),
    REMOTE_CONNECT_FAILED("remote.connect_failed", Outcome.fatal, "The remote server did not accept a connection.",
            "Check the server is up and lets this service's address in."),
    REMOTE_HOST_KEY_FAILED("remote.host_key_failed", Outcome.fatal, "The remote server showed another host key than the one"
            + " pinned: refused, as it may not be the server.", "If the server's key really changed, an operator re-pins it."),
    REMOTE_AUTHENTICATION_FAILED("remote.authentication_failed", Outcome.fatal, "The remote server refused the username, password"
            + " or key.", "Check the account on the remote server and the credentials in the settings."),
    REMOTE_FOLDER_FAILED("remote.folder_failed", Outcome.fatal, "The remote folder cannot be opened.", "Check the folder exists"
            + " and the account may read it."),
    REMOTE_FILES_FAILED("remote.files_failed", Outcome.fatal, "The remote files cannot be listed, or are refused (names that are"
            + " not OneRoster files', or too large).", "Leave only the delivery's files in the folder."),
    REMOTE_DOWNLOAD_FAILED("remote.download_failed", Outcome.fatal, "A remote file could not be downloaded, after the retries.",
            "Check the server and the file; the next run tries again."),
    REMOTE_HOST_KEY_PINNED("remote.host_key_pinned", Outcome.warning, "First contact: the remote server's host key is now"
            + " pinned, and a server showing another key will be refused.", "Nothing."),
    REMOTE_NO_FILES("remote.no_files", Outcome.warning, "The remote folder held no matching file: the run read the delivery"
            + " already in the inbox.", "Check the export reached the folder, and the source's file patterns."),
    REMOTE_DELETE_FAILED("remote.delete_failed", Outcome.warning, "A fetched file could not be deleted on the remote server: the"
            + " next run fetches it again.", "Let the account delete files in the folder.");

    private static final Map<String, IssueCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(IssueCode::code, Function.identity()));

    private final String code;
    private final Outcome outcome;
    private final String explanation;
    private final String fix;

    IssueCode(String code, Outcome outcome, String explanation, String fix) {
        this.code = code;
        this.outcome = outcome;
        this.explanation = explanation;
        this.fix = fix;
    }

    /** The code a lower layer names (a zip's or a delivery's note); an unknown one is a bug, not a finding. */
    public static IssueCode of(String code) {
        IssueCode known = BY_CODE.get(code);
        if (known == null) {
            throw new IllegalArgumentException("no issue code " + code + " in the catalogue");
        }
        return known;
    }

    /** The stable code, e.g. {@code row.missing_required_value}. */
    public String code() {
        return code;
    }

    /** The outcome under the default data requirements, in the usual case. */
    public Outcome outcome() {
        return outcome;
    }

    /** What it means, for an operator. */
    public String explanation() {
        return explanation;
    }

    /** How to fix it at the SIS (or who else can), for the SIS vendor or the district. */
    public String fix() {
        return fix;
    }

    /** An issue of one line of a file. */
    public IssueAt at(@Nullable String file, long line) {
        return new IssueAt(this, file, line, null, null, outcome, null);
    }

    /** An issue of a file's header (its line 1), about one column or none. */
    public IssueAt header(String file, @Nullable String column) {
        return at(file, 1).column(column);
    }

    /** An issue of a whole file. */
    public IssueAt inFile(@Nullable String file) {
        return new IssueAt(this, file, null, null, null, outcome, null);
    }

    public Issue ofFile(@Nullable String file, String message) {
        return inFile(file).message(message);
    }

    public Issue ofRun(String message) {
        return inFile(null).message(message);
    }
}
