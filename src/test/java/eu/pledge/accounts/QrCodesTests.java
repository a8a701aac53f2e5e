package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class QrCodesTests {

	private static final String PREFIX = "data:image/png;base64,";

	private static final String URI = "otpauth://totp/Pledge:anna%40example.org"
			+ "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Pledge&algorithm=SHA1&digits=6&period=30";

	@Test
	void rendersAReadablePngWithDarkAndLightModules() throws IOException {
		String dataUri = QrCodes.pngDataUri(URI);

		assertThat(dataUri).startsWith(PREFIX);
		byte[] png = Base64.getDecoder().decode(dataUri.substring(PREFIX.length()));
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image).isNotNull();
		assertThat(image.getWidth()).isPositive().isEqualTo(image.getHeight());
		assertThat(image.getWidth() % 5).isZero();
		boolean dark = false;
		boolean light = false;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y) & 0xFFFFFF;
				dark |= rgb == 0x000000;
				light |= rgb == 0xFFFFFF;
			}
		}
		assertThat(dark).isTrue();
		assertThat(light).isTrue();
		// the quiet zone keeps the corners white
		assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
	}

	@Test
	void rendersTheSameInputToTheSameImage() {
		assertThat(QrCodes.pngDataUri(URI)).isEqualTo(QrCodes.pngDataUri(URI));
		assertThat(QrCodes.pngDataUri(URI)).isNotEqualTo(QrCodes.pngDataUri(URI + "x"));
	}

	@Test
	void refusesEmptyAndOversizedTextWithoutEchoingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodes.pngDataUri(""));
		String huge = "secret".repeat(2000);
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodes.pngDataUri(huge))
				.withMessageNotContaining("secret");
	}
}
