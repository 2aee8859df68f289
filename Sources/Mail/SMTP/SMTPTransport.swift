import CCurl

/// What the server said about one message.
public enum SMTPOutcome: Sendable, Equatable {
    /// The server took responsibility for the message (a 2xx reply to the end of DATA).
    case accepted(reply: String)
    /// Worth trying again later: a 4xx reply.
    case temporary(reply: String)
    /// No answer at all: the connection was refused, dropped or timed out. Also temporary, but while it lasts
    /// no other message will get through either.
    case unreachable(reply: String)
    /// The server will never take it: a 5xx reply (an unknown recipient, a refused sender).
    case permanent(reply: String)
    /// The whole message was handed over but the wait for the verdict timed out: the server may have it, so it
    /// must not be sent again without a person deciding.
    case unconfirmed(reply: String)
    /// Not this message's fault and not worth retrying message by message: the greeting, the login, TLS or the
    /// sender was refused.
    case sessionFailed(reply: String)
}

/// Sends messages over SMTP with libcurl, which speaks the protocol (EHLO, STARTTLS, AUTH, dot-stuffing);
/// one handle, so consecutive messages reuse the connection.
public final class SMTPTransport {
    private let server: SMTPServer
    private let handle: UnsafeMutableRawPointer

    private static let initialised: Bool = {
        ccurl_global_init() == CURLE_OK
    }()

    public init(server: SMTPServer) throws(MailError) {
        guard Self.initialised, let handle = curl_easy_init() else { throw MailError.server("libcurl could not be initialised") }
        self.server = server
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// Delivers `message` from `sender` to `recipient` (envelope addresses) and classifies the server's answer.
    public func send(_ message: [UInt8], from sender: String, to recipient: String) -> SMTPOutcome {
        curl_easy_reset(handle)
        let scheme = server.security == .tls ? "smtps" : "smtp"
        // The URL's path is the name we greet the server with (EHLO).
        let url = "\(scheme)://\(server.host):\(server.port)/insource.localhost"
        var upload = Upload(bytes: message)
        var replies = Replies()
        var failure = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let recipients = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }

        var setup: [CURLcode] = []
        setup.append(ccurl_setopt_string(handle, CURLOPT_URL, url))
        setup.append(ccurl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>"))
        setup.append(ccurl_setopt_list(handle, CURLOPT_MAIL_RCPT, recipients))
        setup.append(ccurl_setopt_long(handle, CURLOPT_UPLOAD, 1))
        setup.append(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        setup.append(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, min(server.timeoutSeconds, 30)))
        // Each reply may take this long (RFC 5321 allows the reply to the end of the data 10 minutes).
        setup.append(ccurl_setopt_long(handle, CURLOPT_SERVER_RESPONSE_TIMEOUT, server.timeoutSeconds))
        setup.append(ccurl_setopt_long(handle, CURLOPT_INFILESIZE, message.count))
        switch server.security {
        case .starttls: setup.append(ccurl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)))
        case .tls, .none: break
        }
        if let authorities = server.certificateAuthorities {
            setup.append(ccurl_setopt_string(handle, CURLOPT_CAINFO, authorities))
        }
        if server.authentication != .none {
            setup.append(ccurl_setopt_string(handle, CURLOPT_USERNAME, server.username ?? ""))
            setup.append(ccurl_setopt_string(handle, CURLOPT_PASSWORD, server.password ?? ""))
            setup.append(ccurl_setopt_string(handle, CURLOPT_LOGIN_OPTIONS, "AUTH=\(server.authentication.rawValue.uppercased())"))
        }
        if let failed = setup.first(where: { $0 != CURLE_OK }) {
            return .sessionFailed(reply: "libcurl refused an option: \(String(cString: curl_easy_strerror(failed)))")
        }
        let code = failure.withUnsafeMutableBufferPointer { failureBuffer in
            _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, failureBuffer.baseAddress)
            return perform(&upload, &replies)
        }
        return classify(code, replies: replies, failure: String(cString: failure), uploaded: upload.finished)
    }

    private func perform(_ upload: inout Upload, _ replies: inout Replies) -> CURLcode {
        withUnsafeMutablePointer(to: &upload) { uploadPointer in
            withUnsafeMutablePointer(to: &replies) { repliesPointer in
                _ = ccurl_setopt_io(handle, CURLOPT_READFUNCTION, { buffer, size, count, context in
                    guard let buffer, let context else { return 0 }
                    return context.assumingMemoryBound(to: Upload.self).pointee.read(into: buffer, capacity: size * count)
                })
                _ = ccurl_setopt_pointer(handle, CURLOPT_READDATA, uploadPointer)
                _ = ccurl_setopt_io(handle, CURLOPT_HEADERFUNCTION, { buffer, size, count, context in
                    guard let buffer, let context else { return 0 }
                    let bytes = UnsafeRawBufferPointer(start: buffer, count: size * count)
                    context.assumingMemoryBound(to: Replies.self).pointee.append(bytes)
                    return size * count
                })
                _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, repliesPointer)
                return curl_easy_perform(handle)
            }
        }
    }

    /// Only a refused recipient, or a refusal of the message itself after its data, is about this message; any
    /// other refusal (greeting, EHLO, login, TLS, MAIL FROM, a 421 closing the service) stops the run.
    private func classify(_ code: CURLcode, replies: Replies, failure: String, uploaded: Bool) -> SMTPOutcome {
        var status = 0
        _ = ccurl_response_code(handle, &status)
        // The reply that carries the status (libcurl may have said QUIT and heard "221 Bye" since).
        let reply = replies.last(startingWith: status) ?? replies.last ?? String(cString: curl_easy_strerror(code))
        if code == CURLE_OK { return .accepted(reply: reply) }
        let reason = failure.isEmpty ? String(cString: curl_easy_strerror(code)) : failure
        let aboutThisMessage = failure.hasPrefix("RCPT failed") || (uploaded && status >= 400)
        if aboutThisMessage && status != 421 {
            return status >= 500 ? .permanent(reply: reply) : .temporary(reply: reply)
        }
        if status >= 400 { return .sessionFailed(reply: "\(reason): \(reply)") }
        let detail = "\(reason)\(replies.last.map { " after: \($0)" } ?? "")"
        switch code {
        case CURLE_OPERATION_TIMEDOUT where uploaded:
            // Still connected, still thinking: a server that is slow to answer the end of the data often accepts.
            return .unconfirmed(reply: detail)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_OPERATION_TIMEDOUT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
            CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            // A server that closes before its "250" has not taken the message (RFC 5321 §4.1.1.4): send it again.
            return .unreachable(reply: detail)
        default:
            return .sessionFailed(reply: "\(reason)\(replies.last.map { ": \($0)" } ?? "")")
        }
    }
}

/// The message handed to libcurl in pieces as it asks.
private struct Upload {
    let bytes: [UInt8]
    var offset = 0
    /// Every byte was handed to libcurl: only the end of the data and the server's verdict were left.
    var finished: Bool { offset == bytes.count }

    mutating func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// The server's latest reply lines, each cut short: what the delivery log records comes from here.
private struct Replies {
    private var lines: [String] = []

    var last: String? { lines.last }

    func last(startingWith status: Int) -> String? {
        status > 0 ? lines.last { $0.hasPrefix("\(status)") } : nil
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var slice = bytes.prefix(512)[...]
        while let end = slice.last, end == 0x0A || end == 0x0D { slice = slice.dropLast() }
        let line = String(decoding: slice, as: UTF8.self)
        guard !line.isEmpty else { return }
        if lines.count == 16 { lines.removeFirst() }
        lines.append(line)
    }
}
