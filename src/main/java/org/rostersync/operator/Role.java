package org.rostersync.operator;

/** What an operator may see and do. */
public enum Role {
    /** Every tenant; manages operators. */
    ADMIN("admin"),
    /** One tenant's sources and runs. */
    TENANT_OPERATOR("tenant_operator");

    private final String stored;

    Role(String stored) {
        this.stored = stored;
    }

    /** The name stored in the database and used in the admin API. */
    public String stored() {
        return stored;
    }

    /** @throws InvalidOperatorException for {@code role}, naming the accepted values */
    public static Role of(String stored) {
        for (Role role : values()) {
            if (role.stored.equals(stored)) {
                return role;
            }
        }
        throw new InvalidOperatorException("role", "role must be admin or tenant_operator, not '" + stored + "'");
    }
}
