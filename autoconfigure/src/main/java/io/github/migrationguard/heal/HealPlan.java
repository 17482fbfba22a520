package io.github.migrationguard.heal;

import java.util.List;

/**
 * Internal: what self-heal decided from one look at Flyway, before anything is written: the heals to carry out and the
 * problems that stop startup. Carried out by {@link ChecksumHealer#apply}.
 */
public final class HealPlan {

    static final HealPlan NOTHING = new HealPlan(List.of(), List.of());

    private final List<PlannedHeal> planned;

    private final List<String> problems;

    /**
     * Returns a plan that heals nothing.
     * @return the empty plan
     */
    public static HealPlan nothing() {
        return NOTHING;
    }

    HealPlan(List<PlannedHeal> planned, List<String> problems) {
        this.planned = List.copyOf(planned);
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the heals this plan will carry out, in version order.
     * @return the heals as they will be recorded
     */
    public List<Heal> heals() {
        return this.planned.stream().map(PlannedHeal::heal).toList();
    }

    /**
     * Whether carrying out this plan writes to the database.
     * @return whether a heal is planned
     */
    public boolean writes() {
        return !this.planned.isEmpty();
    }

    /**
     * Returns the problems that stop startup, one text each.
     * @return the problems; empty when the boot may go on
     */
    public List<String> problems() {
        return this.problems;
    }

    /**
     * Stops here when a problem remains.
     * @throws ChecksumDriftException listing every problem
     */
    public void requireNoProblems() {
        if (!this.problems.isEmpty()) {
            throw new ChecksumDriftException(this.problems);
        }
    }

    List<PlannedHeal> planned() {
        return this.planned;
    }

    /**
     * One heal to carry out.
     *
     * @param drift the drift
     * @param reason why healing it is safe
     * @param reapply whether the certified script runs again first
     */
    record PlannedHeal(ChecksumDrift drift, Heal.Reason reason, boolean reapply) {

        Heal heal() {
            return this.drift.healed(this.reason, this.reapply);
        }
    }
}
