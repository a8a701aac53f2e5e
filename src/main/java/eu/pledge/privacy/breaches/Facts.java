package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The facts of a breach in plain values, between the form and the sealed row. */
record Facts(Instant discoveredAt, String summary, String dataCategories, String subjectCategories,
		Long approximateSubjects, String consequences, String measures, boolean highRisk, Instant authorityNotifiedAt,
		String delayReason, String noNotificationReason) {

	/** These facts with every field the form gives replaced (blank: removed), each read and checked by field. */
	Facts with(BreachForm form) {
		return new Facts(form.discoveredAt() == null ? discoveredAt : BreachInput.instant("discoveredAt", form.discoveredAt()),
				form.summary() == null ? summary : BreachInput.text("summary", form.summary()),
				form.dataCategories() == null ? dataCategories : BreachInput.text("dataCategories", form.dataCategories()),
				form.subjectCategories() == null ? subjectCategories
						: BreachInput.text("subjectCategories", form.subjectCategories()),
				form.approximateSubjects() == null ? approximateSubjects
						: BreachInput.count("approximateSubjects", form.approximateSubjects()),
				form.consequences() == null ? consequences : BreachInput.text("consequences", form.consequences()),
				form.measures() == null ? measures : BreachInput.text("measures", form.measures()),
				form.highRisk() == null ? highRisk : Boolean.TRUE.equals(BreachInput.yesNo("highRisk", form.highRisk())),
				form.authorityNotifiedAt() == null ? authorityNotifiedAt
						: BreachInput.instant("authorityNotifiedAt", form.authorityNotifiedAt()),
				form.delayReason() == null ? delayReason : BreachInput.text("delayReason", form.delayReason()),
				form.noNotificationReason() == null ? noNotificationReason
						: BreachInput.text("noNotificationReason", form.noNotificationReason()));
	}

	static Facts none() {
		return new Facts(null, null, null, null, null, null, null, false, null, null, null);
	}

	/** The names of the fields that differ from {@code before}, for the audit trail (names only, no values). */
	List<String> changedFrom(Facts before) {
		List<String> changed = new ArrayList<>();
		add(changed, "discoveredAt", discoveredAt, before.discoveredAt);
		add(changed, "summary", summary, before.summary);
		add(changed, "dataCategories", dataCategories, before.dataCategories);
		add(changed, "subjectCategories", subjectCategories, before.subjectCategories);
		add(changed, "approximateSubjects", approximateSubjects, before.approximateSubjects);
		add(changed, "consequences", consequences, before.consequences);
		add(changed, "measures", measures, before.measures);
		add(changed, "highRisk", highRisk, before.highRisk);
		add(changed, "authorityNotifiedAt", authorityNotifiedAt, before.authorityNotifiedAt);
		add(changed, "delayReason", delayReason, before.delayReason);
		add(changed, "noNotificationReason", noNotificationReason, before.noNotificationReason);
		return changed;
	}

	private static void add(List<String> changed, String name, Object now, Object before) {
		if (!Objects.equals(now, before)) {
			changed.add(name);
		}
	}

	@Override
	public String toString() {
		return "Facts[discoveredAt=" + discoveredAt + ", highRisk=" + highRisk + ", redacted]";
	}
}
