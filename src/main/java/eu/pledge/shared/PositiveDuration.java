package eu.pledge.shared;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A duration setting that must be set and longer than zero: the check every interval, window and retention of a
 * {@code @Validated} properties record needs. {@code @DurationMin} alone lets an empty value ({@code null}) pass,
 * and a missing retention or window is as wrong as a zero one.
 * <p>
 * Not on accessors ({@code METHOD}) or type uses: a record component would then carry it three times and a bad
 * value would be reported more than once.
 */
@NotNull
@DurationMin(nanos = 0, inclusive = false)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, ANNOTATION_TYPE })
public @interface PositiveDuration {

	String message() default "must be a positive duration";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
