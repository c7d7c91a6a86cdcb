package org.rostersync.tenant;

import jakarta.inject.Singleton;
import org.rostersync.security.PasswordHasher;
import org.rostersync.security.Secrets;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants, sources and API clients, and the checks of their credentials. */
@Singleton
public class TenantService {

    private final TenantStore store;
    private final PasswordHasher hasher;
    private final Secrets secrets;

    TenantService(TenantStore store, PasswordHasher hasher, Secrets secrets) {
        this.store = store;
        this.hasher = hasher;
        this.secrets = secrets;
    }

    public Tenant createTenant(String name) throws SQLException {
        return store.insertTenant(name);
    }

    public List<Tenant> tenants() throws SQLException {
        return store.tenants();
    }

    public Optional<Tenant> tenant(UUID id) throws SQLException {
        return store.tenant(id);
    }

    /** @throws UsernameTakenException when another source already logs in with that username */
    public Source createSource(UUID tenantId, String name, String sftpUsername, String sftpPassword) throws SQLException {
        return store.insertSource(tenantId, name, sftpUsername, hasher.hash(sftpPassword));
    }

    public List<Source> sources(UUID tenantId) throws SQLException {
        return store.sources(tenantId);
    }

    public Optional<Source> source(UUID id) throws SQLException {
        return store.source(id);
    }

    /** The source's data requirements (its rules that differ from the defaults); empty when the source does not exist. */
    public Optional<DataRequirements> dataRequirements(UUID sourceId) throws SQLException {
        return store.setting(sourceId, "data_requirements", RULES, java.util.Map.of()).map(DataRequirements::new);
    }

    /** Replaces the source's data requirements, already checked against the schemas; false when the source does not exist. */
    public boolean saveDataRequirements(UUID sourceId, DataRequirements requirements) throws SQLException {
        return store.saveSetting(sourceId, "data_requirements", requirements.rules());
    }

    /** The source's safeguards; empty when the source does not exist. */
    public Optional<Safeguards> safeguards(UUID sourceId) throws SQLException {
        return store.setting(sourceId, "safeguards", io.micronaut.core.type.Argument.of(Safeguards.class), Safeguards.DEFAULTS);
    }

    /** Replaces the source's safeguards; false when the source does not exist. */
    public boolean saveSafeguards(UUID sourceId, Safeguards safeguards) throws SQLException {
        return store.saveSetting(sourceId, "safeguards", safeguards);
    }

    /** The source's school mapping; empty when the source does not exist. */
    public Optional<SchoolMapping> schoolMapping(UUID sourceId) throws SQLException {
        return store.setting(sourceId, "school_mapping", io.micronaut.core.type.Argument.of(SchoolMapping.class), SchoolMapping.DEFAULT);
    }

    /** Replaces the source's school mapping; false when the source does not exist. */
    public boolean saveSchoolMapping(UUID sourceId, SchoolMapping mapping) throws SQLException {
        return store.saveSetting(sourceId, "school_mapping", mapping);
    }

    /** The source's attribute mapping (the attributes read from other columns); empty when the source does not exist. */
    public Optional<AttributeMapping> attributeMapping(UUID sourceId) throws SQLException {
        return store.setting(sourceId, "attribute_mapping", COLUMNS, java.util.Map.of()).map(AttributeMapping::new);
    }

    public boolean saveAttributeMapping(UUID sourceId, AttributeMapping mapping) throws SQLException {
        return store.saveSetting(sourceId, "attribute_mapping", mapping.columns());
    }

    private static final io.micronaut.core.type.Argument<java.util.Map<String, java.util.Map<String, String>>> COLUMNS =
            io.micronaut.core.type.Argument.mapOf(io.micronaut.core.type.Argument.STRING,
                    io.micronaut.core.type.Argument.mapOf(String.class, String.class));

    /** The stored JSON is the bare map {entity: {attribute: rule}}. */
    private static final io.micronaut.core.type.Argument<java.util.Map<String, java.util.Map<String, Requirement>>> RULES =
            io.micronaut.core.type.Argument.mapOf(io.micronaut.core.type.Argument.STRING,
                    io.micronaut.core.type.Argument.mapOf(String.class, Requirement.class));

    /** The source whose hosted SFTP account this is, if the password matches. An unknown user costs as much as a wrong password. */
    /** The source whose SFTP account has this username (for the audit trail of a failed login). */
    public Optional<Source> sourceWithSftpUsername(String username) throws SQLException {
        return store.sourceLogin(username).map(TenantStore.SourceLogin::source);
    }

    public Optional<Source> authenticateSftp(String username, String password) throws SQLException {
        Optional<TenantStore.SourceLogin> login = store.sourceLogin(username);
        boolean ok = hasher.verify(password, login.map(TenantStore.SourceLogin::passwordHash).orElse(null));
        return ok ? login.map(TenantStore.SourceLogin::source) : Optional.empty();
    }

    public NewApiClient createApiClient(UUID tenantId) throws SQLException {
        NewApiClient client = new NewApiClient(secrets.newId(), secrets.newSecret());
        store.insertApiClient(tenantId, client.clientId(), Secrets.sha256(client.clientSecret()));
        return client;
    }

    /** The tenant an API client reads, if its secret matches. */
    public Optional<UUID> authenticateApiClient(String clientId, String secret) throws SQLException {
        return store.apiClientLogin(clientId)
                .filter(login -> Secrets.matches(secret, login.secretSha256()))
                .map(TenantStore.ApiClientLogin::tenantId);
    }
}
