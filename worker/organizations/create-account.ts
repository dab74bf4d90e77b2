import { type Database, schema } from "../../db/client.ts";

type NewUser = Pick<typeof schema.users.$inferInsert, "email" | "passwordHash">;

/**
 * Creates a user with their personal organization (same id as the user, the user its owner)
 * in one transaction: personal use is the one-member case. Undefined when the email is taken.
 *
 * @example
 * const user = await createAccount(db, { email, passwordHash }); // undefined: 409 email_taken
 */
export async function createAccount(db: Database, values: NewUser) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(schema.users)
      .values(values)
      .onConflictDoNothing({ target: schema.users.email })
      .returning();
    if (!user) return undefined;
    await tx.insert(schema.organizations).values({ id: user.id, name: "Personal", personalUserId: user.id });
    await tx.insert(schema.memberships).values({ organizationId: user.id, userId: user.id, role: "owner" });
    return user;
  });
}
