package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import eu.pledge.shared.Permission;
import eu.pledge.shared.Route;
import eu.pledge.shared.Route.Rule;
import eu.pledge.shared.Routes;

class RouteTableTests {

	static final Routes CONTACT = () -> List.of(new Route(GET, "/contact", Rule.PUBLIC),
			new Route(POST, "/contact", Rule.PUBLIC));
	static final Routes ADMIN_CONTACT = () -> List.of(new Route(GET, "/contact", Rule.ADMIN));

	@Test
	void collectsEveryModulesRoutesTheMostSpecificFirst() {
		Routes one = () -> List.of(new Route(GET, "/organizations/{id}", Rule.SIGNED_IN));
		Routes other = () -> List.of(new Route(GET, "/organizations/mine", Rule.SIGNED_IN),
				Route.beforeTheChain(POST, "/api/{projectId}/store/", Rule.PUBLIC));
		RouteTable table = new RouteTable(List.of(one, other));
		assertThat(table.all()).extracting(Route::key).containsExactly("GET /organizations/mine",
				"GET /organizations/{id}", "POST /api/{projectId}/store/");
		assertThat(table.beforeTheChain()).extracting(Route::key).containsExactly("POST /api/{projectId}/store/");
	}

	@Test
	void twoDeclarationsOfOneMethodAndPatternAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> new RouteTable(List.of(CONTACT, ADMIN_CONTACT)))
				.withMessageStartingWith("GET /contact is declared twice");
	}

	@Test
	void theApplicationDoesNotStartWithADuplicateDeclaration() {
		new ApplicationContextRunner().withBean(RouteTable.class)
				.withBean("contactRoutes", Routes.class, () -> CONTACT)
				.withBean("otherRoutes", Routes.class, () -> ADMIN_CONTACT)
				.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
						.hasMessageContaining("GET /contact is declared twice"));
	}

	@Test
	void theSamePatternWithAnotherMethodIsAnotherRoute() {
		assertThat(new RouteTable(List.of(CONTACT)).all()).hasSize(2);
	}

	@Test
	void aRuleNamesAPermissionOnlyWhenItIsOne() {
		assertThat(Rule.onOrganization(Permission.MANAGE_MEMBERS, "id").permission()).isEqualTo(Permission.MANAGE_MEMBERS);
		assertThatIllegalArgumentException().isThrownBy(() -> new Rule(Rule.Kind.PUBLIC, Permission.PLATFORM_ADMIN, null));
	}
}
