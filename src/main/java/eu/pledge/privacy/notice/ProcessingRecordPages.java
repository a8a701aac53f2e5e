package eu.pledge.privacy.notice;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The record of processing for platform administrators: a page and its JSON. NoticeRoutes restricts both to ADMIN. */
@Controller
class ProcessingRecordPages {

	private final ProcessingRecords records;

	ProcessingRecordPages(ProcessingRecords records) {
		this.records = records;
	}

	@GetMapping("/admin/processing-record")
	String page(Model model) {
		model.addAttribute("record", records.current());
		return "privacy/processing-record";
	}

	@GetMapping(path = "/api/v1/admin/processing-record", produces = "application/json")
	@ResponseBody
	ProcessingRecord json() {
		return records.current();
	}
}
