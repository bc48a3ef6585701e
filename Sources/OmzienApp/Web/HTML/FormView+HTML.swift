/// The form every page uses: error summary first (linking to each field), then the fields with their
/// hints and messages, then the buttons. Formerly the `form` partial.
extension FormView {
    func html(_ t: Texts) -> HTML {
        """
        \(if: hasErrors, errorSummary(t))
        \(intro, { "<p class=\"intro\">\($0)</p>" })
        <form action="\(action)" method="post" novalidate\(if: multipart, " enctype=\"multipart/form-data\"")>
          <input type="hidden" name="_csrf" value="\(csrf)">
          \(each: hidden, { "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">" })
          \(if: honeypot, Self.honeypot(t))
          \(each: fields, { $0.html(t) })
          <div class="form-buttons">
            <button type="submit" class="button">\(submitLabel)</button>
            \(backLabel, { "<button type=\"submit\" name=\"terug\" value=\"1\" class=\"button secondary\">\($0)</button>" })
          </div>
        </form>
        """
    }

    func errorSummary(_ t: Texts) -> HTML {
        """
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
          <h2 id="error-summary-title">\(t["error_summary"])</h2>
          <ul>\(each: errors, { "<li><a href=\"#\($0.id)\">\($0.error)</a></li>" })</ul>
        </div>
        """
    }

    /// A field people never see; a bot that fills it in is refused (spam protection on public forms).
    static func honeypot(_ t: Texts) -> HTML {
        """
        <div class="hp" aria-hidden="true"><label for="veld-website">\(t["honeypot_label"])</label><input type="text" id="veld-website" name="website" tabindex="-1" autocomplete="off"></div>
        """
    }
}

extension FieldView {
    func html(_ t: Texts) -> HTML {
        """
        <div class="field\(if: error != nil, " field-error")">
            \(control(t))
          </div>
        """
    }

    private func control(_ t: Texts) -> HTML {
        if isGroup { return group(t) }
        if isCheckbox {
            return """
            \(message(t))
                <label class="check" for="\(id)"><input type="checkbox" id="\(id)" name="\(name)"\(if: checked, " checked")\(ariaAttributes)> \(label)</label>
                \(hintText)
            """
        }
        return """
        <label for="\(id)">\(label)\(optionalMark(t))</label>
            \(hintText)
            \(message(t))
            \(input)
        """
    }

    private func group(_ t: Texts) -> HTML {
        """
        <fieldset\(nonEmpty: describedBy, { " aria-describedby=\"\($0)\"" })>
              <legend>\(label)\(optionalMark(t))</legend>
              \(hintText)
              \(message(t))
              <div id="\(id)">
              \(if: isCheckboxes, choices("checkbox", options) + HTML.joined(groups.map { "<p class=\"group-label\">\($0.label)</p>\(choices("checkbox", $0.options))" }))
              \(if: isRadios, choices("radio", options))
              </div>
            </fieldset>
        """
    }

    private func choices(_ type: String, _ options: [Option]) -> HTML {
        "\(each: options, { "<label class=\"check\"><input type=\"\(type)\" name=\"\(name)\" value=\"\($0.value)\"\(if: $0.selected, " checked")> \($0.label)</label>" })"
    }

    private var input: HTML {
        switch kind {
        case .text: "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" autocomplete=\"\(autocomplete)\"\(ariaAttributes)>"
        case .file: "<input type=\"file\" id=\"\(id)\" name=\"\(name)\" accept=\".csv,text/csv\"\(ariaAttributes)>"
        case .tel: "<input type=\"tel\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" autocomplete=\"\(autocomplete)\"\(ariaAttributes)>"
        case .number:
            "<input type=\"text\" inputmode=\"numeric\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" class=\"short\" autocomplete=\"\(autocomplete)\"\(ariaAttributes)>"
        case .email:
            "<input type=\"email\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" autocomplete=\"\(autocomplete)\" spellcheck=\"false\"\(ariaAttributes)>"
        case .password: "<input type=\"password\" id=\"\(id)\" name=\"\(name)\" autocomplete=\"\(autocomplete)\"\(ariaAttributes)>"
        case .code:
            "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" inputmode=\"numeric\" pattern=\"[0-9 ]*\" maxlength=\"7\" class=\"short code\" autocomplete=\"\(autocomplete)\"\(ariaAttributes)>"
        case .textarea: "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"6\"\(ariaAttributes)>\(value)</textarea>"
        case .select:
            "<select id=\"\(id)\" name=\"\(name)\"\(ariaAttributes)>\(each: options, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })</select>"
        case .checkboxes, .radios, .checkbox: ""
        }
    }

    /// `aria-describedby` (hint and message) and `aria-invalid`, as every control carries them.
    private var ariaAttributes: HTML {
        "\(nonEmpty: describedBy, { " aria-describedby=\"\($0)\"" })\(if: error != nil, " aria-invalid=\"true\"")"
    }

    private var hintText: HTML { "\(hint, { "<p class=\"hint\" id=\"\(id)-hint\">\($0)</p>" })" }

    private func message(_ t: Texts) -> HTML {
        "\(error, { "<p class=\"error-message\" id=\"\(id)-error\"><span class=\"visually-hidden\">\(t["error_prefix"])</span> \($0)</p>" })"
    }

    private func optionalMark(_ t: Texts) -> HTML {
        "\(if: !required, " <span class=\"optional\">(\(t["optional"]))</span>")"
    }
}

extension HTML {
    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.text + rhs.text) }
}
