package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.operator.Operator;
import org.rostersync.tenant.Tenant;

import java.util.List;
import java.util.Map;

/**
 * The operators, for admins: who can sign in, with what role and tenant, who is locked; a form to add one.
 *
 * @param sent   the new-operator form as sent, when it came back with an error
 * @param errors per field of that form, what was wrong
 */
public record OperatorsPage(Frame frame, List<Operator> operators, List<Tenant> tenants, Map<String, String> sent,
                            Map<String, String> errors, @Nullable String notice) {

    public String sent(String field) {
        return sent.getOrDefault(field, "");
    }

    public String error(String field) {
        return errors.get(field);
    }

    public String tenantName(Operator operator) {
        return operator.tenantId() == null ? "every tenant" : tenants.stream().filter(t -> t.id().equals(operator.tenantId()))
                .map(Tenant::name).findFirst().orElse(operator.tenantId().toString());
    }
}
