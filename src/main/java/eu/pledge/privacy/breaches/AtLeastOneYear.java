package eu.pledge.privacy.breaches;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.Period;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A retention period of at least one year and at most ten: a breach record must outlive the inquiries that
 * follow a breach, and a longer one keeps people's data for no purpose. Null is left to {@code @NotNull}.
 */
@Constraint(validatedBy = AtLeastOneYear.Check.class)
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER })
@interface AtLeastOneYear {

	String message() default "must be between 1y and 10y";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Compares the period's length from a fixed day, so "12m" and "1y" and "365d" all count as they read. */
	class Check implements ConstraintValidator<AtLeastOneYear, Period> {

		private static final LocalDate FROM = LocalDate.of(2001, 1, 1);

		@Override
		public boolean isValid(Period period, ConstraintValidatorContext context) {
			if (period == null) {
				return true;
			}
			LocalDate until = FROM.plus(period);
			return !until.isBefore(FROM.plusDays(365)) && !until.isAfter(FROM.plusYears(10));
		}
	}
}
