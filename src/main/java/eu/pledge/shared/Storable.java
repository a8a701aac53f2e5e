package eu.pledge.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Bean Validation for a request or form record: the text ({@link StorableText}) or instant ({@link StorableTime})
 * is one both databases store. The message says what is wrong, beside the field on a page and under its name
 * in a problem response. Null is valid (pair with {@code @NotNull} where a value is required).
 */
@Documented
@Constraint(validatedBy = { Storable.Text.class, Storable.Time.class })
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Storable {

	/** Whether the text holds lines (line breaks and tabs allowed). */
	boolean lines() default false;

	String message() default StorableText.CONTROL_IN_LINE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks text with {@link StorableText#problem}. */
	class Text implements ConstraintValidator<Storable, CharSequence> {

		private boolean lines;

		@Override
		public void initialize(Storable annotation) {
			this.lines = annotation.lines();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			String problem = value == null ? null : StorableText.problem(value.toString(), lines);
			return problem == null || refuse(context, problem);
		}

		/** Reports {@code message} (a constant without expression syntax) instead of the default message. */
		static boolean refuse(ConstraintValidatorContext context, String message) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
			return false;
		}
	}

	/** Checks an instant with {@link StorableTime#contains}. */
	class Time implements ConstraintValidator<Storable, Instant> {

		@Override
		public boolean isValid(Instant value, ConstraintValidatorContext context) {
			return value == null || StorableTime.contains(value) || Text.refuse(context, StorableTime.OUT_OF_RANGE);
		}
	}
}
