package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.annotation.JsonProperty;

import eu.pledge.testing.ApiClient;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document describes each request body and answer as the code reads and writes it. Its schemas are named by the simple name
 * of the Java type, so two bodies of the same name in different modules became one schema and one of the two
 * operations was documented with the other's fields ({@code DELETE /api/v1/me/totp} said {@code {password}} where
 * it reads {@code {currentPassword}}, and the account list's answer had the audit search's {@code items}). Every
 * operation's documented properties must be exactly its record's, and no two types may share a schema name.
 */
class ApiDocumentTests extends StorableInputFixture {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyRequestBodyIsDocumentedWithTheFieldsTheCodeReads() {
		ApiClient.Response document = admin().get("/api/v1/openapi");
		assertThat(document.status()).as(document.body()).isEqualTo(200);
		JsonNode json = document.json();
		List<String> wrong = new ArrayList<>();
		int compared = 0;
		for (DocumentedOperation documented : documented(json)) {
			Class<?> body = bodyRecord(documented.handler());
			if (body != null) {
				Set<String> described = properties(json, documented.operation().path("requestBody").path("content")
						.path("application/json").path("schema"));
				compared++;
				if (!described.equals(fields(body))) {
					wrong.add(documented + ": documented " + described + ", read " + fields(body) + " (" + body.getName()
							+ ")");
				}
			}
			Class<?> answer = answerRecord(documented.handler());
			for (Map.Entry<String, JsonNode> response : documented.operation().path("responses").properties()) {
				for (Map.Entry<String, JsonNode> content : response.getValue().path("content").properties()) {
					if (answer == null || !response.getKey().startsWith("2")) {
						continue;
					}
					Set<String> described = properties(json, content.getValue().path("schema"));
					compared++;
					if (!described.equals(fields(answer))) {
						wrong.add(documented + " answer: documented " + described + ", written " + fields(answer) + " ("
								+ answer.getName() + ")");
					}
				}
			}
		}
		assertThat(compared).as("operations with a body compared").isGreaterThan(30);
		assertThat(wrong).as("request bodies documented with other fields than the code reads").isEmpty();
	}

	/**
	 * The document names a schema by the simple name of its Java type: two types of one name anywhere in the API's
	 * bodies and answers (nested ones too) would share one schema.
	 */
	@Test
	void everyTypeInTheApiHasASchemaNameOfItsOwn() {
		Map<String, Set<String>> byName = new java.util.TreeMap<>();
		for (HandlerMethod handler : mappings.getHandlerMethods().values()) {
			if (!handler.getBeanType().getPackageName().startsWith("eu.pledge")) {
				continue;
			}
			List<java.lang.reflect.Type> types = new ArrayList<>();
			types.add(handler.getMethod().getGenericReturnType());
			for (Parameter parameter : handler.getMethod().getParameters()) {
				if (parameter.isAnnotationPresent(RequestBody.class)) {
					types.add(parameter.getParameterizedType());
				}
			}
			Set<Class<?>> seen = new java.util.HashSet<>();
			types.forEach(type -> collect(type, seen));
			seen.stream().filter(type -> !type.isEnum()) // an enumeration is written into each schema that has one
					.forEach(type -> byName.computeIfAbsent(schemaName(type), name -> new TreeSet<>()).add(type.getName()));
		}
		assertThat(byName).as("types of the API sharing a simple name (so one schema in the document)")
				.allSatisfy((name, types) -> assertThat(types).as(name).hasSize(1));
	}

	private static String schemaName(Class<?> type) {
		Schema schema = type.getAnnotation(Schema.class);
		return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
	}

	private static void collect(java.lang.reflect.Type type, Set<Class<?>> seen) {
		if (type instanceof java.lang.reflect.ParameterizedType parameterized) {
			collect(parameterized.getRawType(), seen);
			for (java.lang.reflect.Type argument : parameterized.getActualTypeArguments()) {
				collect(argument, seen);
			}
		}
		else if (type instanceof Class<?> plain && plain.isArray()) {
			collect(plain.getComponentType(), seen);
		}
		else if (type instanceof Class<?> plain && plain.getPackageName().startsWith("eu.pledge") && seen.add(plain)) {
			if (plain.isRecord()) {
				for (RecordComponent component : plain.getRecordComponents()) {
					collect(component.getGenericType(), seen);
				}
			}
		}
	}

	/** A mapped method and pattern the document describes (a page's form is not in it), with its description. */
	private record DocumentedOperation(String method, String pattern, HandlerMethod handler, JsonNode operation) {

		@Override
		public String toString() {
			return method + " " + pattern;
		}
	}

	private List<DocumentedOperation> documented(JsonNode json) {
		List<DocumentedOperation> operations = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			for (String pattern : mapping.getKey().getPatternValues()) {
				for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
					JsonNode operation = json.path("paths").path(pattern).path(method.name().toLowerCase());
					if (!operation.isMissingNode()) {
						operations.add(new DocumentedOperation(method.name(), pattern, mapping.getValue(), operation));
					}
				}
			}
		}
		return operations;
	}

	private static Class<?> bodyRecord(HandlerMethod handler) {
		for (Parameter parameter : handler.getMethod().getParameters()) {
			if (parameter.isAnnotationPresent(RequestBody.class) && parameter.getType().isRecord()) {
				return parameter.getType();
			}
		}
		return null;
	}

	private static Class<?> answerRecord(HandlerMethod handler) {
		java.lang.reflect.Type type = handler.getMethod().getGenericReturnType();
		if (type instanceof java.lang.reflect.ParameterizedType parameterized
				&& parameterized.getRawType() == org.springframework.http.ResponseEntity.class) {
			type = parameterized.getActualTypeArguments()[0];
		}
		return type instanceof Class<?> plain && plain.isRecord() ? plain : null;
	}

	private static Set<String> fields(Class<?> record) {
		Set<String> names = new TreeSet<>();
		for (RecordComponent component : record.getRecordComponents()) {
			JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
			JsonProperty onField = fieldAnnotation(record, component.getName());
			String name = renamed != null && !renamed.value().isEmpty() ? renamed.value()
					: onField != null && !onField.value().isEmpty() ? onField.value() : component.getName();
			names.add(name);
		}
		return names;
	}

	private static JsonProperty fieldAnnotation(Class<?> record, String name) {
		try {
			return record.getDeclaredField(name).getAnnotation(JsonProperty.class);
		}
		catch (NoSuchFieldException ex) {
			return null;
		}
	}

	private static Set<String> properties(JsonNode document, JsonNode schema) {
		for (int i = 0; i < 10 && schema.has("$ref"); i++) {
			String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
			schema = document.path("components").path("schemas").path(name);
		}
		Set<String> names = new LinkedHashSet<>();
		schema.path("properties").propertyNames().forEach(names::add);
		return new TreeSet<>(names);
	}
}
