package eu.pledge.accounts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Renders QR codes as inline PNG data URIs, so the enrolment page can show the TOTP secret without a
 * second request that would have to carry (or look up) the secret again.
 * <p>
 * Only BufferedImage and ImageIO are used; neither needs a display, so this works on headless servers.
 */
final class QrCodes {

	private static final int PIXELS_PER_MODULE = 5;

	// M recovers ~15% damage, plenty for a screen; the spec asks for a 4-module quiet zone, but phone
	// cameras read 2 reliably off a white page and it keeps the image small.
	private static final Map<EncodeHintType, Object> HINTS = Map.of(
			EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
			EncodeHintType.MARGIN, 2,
			EncodeHintType.CHARACTER_SET, "UTF-8");

	private static final int BLACK = 0xFF000000;
	private static final int WHITE = 0xFFFFFFFF;

	private QrCodes() {
	}

	/**
	 * @throws IllegalArgumentException when the text is empty or too long for a QR code; the message
	 * never repeats the text, which is usually a secret
	 */
	static String pngDataUri(String text) {
		BufferedImage image = render(matrix(text));
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, "png", png)) {
				throw new IllegalStateException("No PNG writer available");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Writing to memory failed", ex);
		}
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
	}

	private static BitMatrix matrix(String text) {
		if (text == null || text.isEmpty()) {
			throw new IllegalArgumentException("QR code text must not be empty");
		}
		try {
			// size 0 asks zxing for one pixel per module (quiet zone included); we scale ourselves so
			// every module is a whole number of pixels and the image stays crisp
			return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Text of " + text.length() + " characters does not fit a QR code");
		}
	}

	private static BufferedImage render(BitMatrix matrix) {
		int width = matrix.getWidth() * PIXELS_PER_MODULE;
		int height = matrix.getHeight() * PIXELS_PER_MODULE;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				boolean dark = matrix.get(x / PIXELS_PER_MODULE, y / PIXELS_PER_MODULE);
				image.setRGB(x, y, dark ? BLACK : WHITE);
			}
		}
		return image;
	}
}
