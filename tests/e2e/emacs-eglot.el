;;; emacs-eglot.el --- End-to-end: Emacs's eglot runs `newslint lsp' -*- lexical-binding: t -*-

;; Run by tests/lsp_emacs.rs as
;;   emacs --batch -l tests/e2e/emacs-eglot.el
;; with NEWSLINT_BIN, NEWSLINT_STORY and NEWSLINT_OUT set (Debian bookworm:
;; Emacs 28.2 and elpa-eglot 1.9; Emacs 29 has eglot built in).
;;
;; newslint is registered in `eglot-server-programs' for text-mode and
;; markdown-mode, as docs/editors.md tells a user to, and eglot is started
;; the way M-x eglot starts it, with `(apply #'eglot (eglot--guess-contact))'.
;; Then Flymake must show the slip `troups', eglot's code actions must offer
;; `troops', and applying that action must fix the word in the buffer,
;; after which the diagnostic goes.  A readable log of the session is
;; written to NEWSLINT_OUT, ending in PASS or FAIL.

(require 'eglot)
(require 'flymake)
(require 'cl-lib)

(defvar newslint-e2e-log nil "Lines of the session, newest first.")

(defun newslint-e2e-say (fmt &rest args)
  (push (apply #'format fmt args) newslint-e2e-log))

(defun newslint-e2e-check (ok what)
  (unless ok (error "check failed: %s" what))
  (newslint-e2e-say "ok   %s" what))

(defun newslint-e2e-wait (pred seconds)
  "Let processes and timers run until PRED is non-nil or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) (v nil))
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(defun newslint-e2e-code (diag)
  "The LSP rule id of the Flymake diagnostic DIAG."
  (plist-get (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diag))) :code))

(defun newslint-e2e-find (code)
  "Ask Flymake for this buffer's diagnostics; the first with CODE."
  (flymake-start)
  (cl-find code (flymake-diagnostics) :key #'newslint-e2e-code :test #'equal))

(defun newslint-e2e-main ()
  (let ((bin (getenv "NEWSLINT_BIN"))
        (story (getenv "NEWSLINT_STORY")))
    (add-to-list 'eglot-server-programs
                 `((text-mode markdown-mode) . (,bin "lsp")))
    (setq-default eglot-workspace-configuration
                  '(:newslint (:dialect "en-US")))
    (find-file story)
    (newslint-e2e-check (derived-mode-p 'text-mode) "the story is in text-mode")
    (newslint-e2e-say "emacs %s, eglot %s" emacs-version
                      (or (bound-and-true-p eglot--version)
                          (file-name-nondirectory
                           (directory-file-name
                            (file-name-directory (locate-library "eglot"))))))
    ;; What M-x eglot does, without its prompts.
    (apply #'eglot (eglot--guess-contact))
    (newslint-e2e-check (newslint-e2e-wait #'eglot-current-server 30)
                        "eglot connected to newslint lsp")
    ;; 1. Flymake shows the slip, exactly on the word (the line starts
    ;; with curly quotes, accents and an emoji: UTF-16 columns).
    (let ((d (newslint-e2e-wait
              (lambda () (newslint-e2e-find "spelling.unknown-word")) 30)))
      (newslint-e2e-check d "Flymake shows spelling.unknown-word")
      (dolist (x (flymake-diagnostics))
        (newslint-e2e-say "diag %d-%d %s %s" (flymake-diagnostic-beg x)
                          (flymake-diagnostic-end x) (newslint-e2e-code x)
                          (flymake-diagnostic-text x)))
      (newslint-e2e-check
       (equal (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                              (flymake-diagnostic-end d))
              "troups")
       "the diagnostic covers `troups'")
      ;; 2. eglot's code actions on it offer `troops', best first.
      (let* ((actions (eglot-code-actions (flymake-diagnostic-beg d)
                                          (flymake-diagnostic-end d)))
             (titles (mapcar (lambda (a) (plist-get a :title)) actions))
             (fix (cl-find "Replace `troups` with `troops`" actions
                           :key (lambda (a) (plist-get a :title))
                           :test #'equal)))
        (dolist (title titles) (newslint-e2e-say "action %s" title))
        (newslint-e2e-check fix "a code action replaces `troups' with `troops'")
        (newslint-e2e-check (eq (plist-get fix :isPreferred) t)
                            "it is the preferred action")
        ;; 3. Apply it as M-x eglot-code-actions does once it is chosen.
        (eglot--read-execute-code-action (list fix) (eglot-current-server)
                                         "quickfix")
        (goto-char (point-min))
        (let ((line (buffer-substring-no-properties (point) (line-end-position))))
          (newslint-e2e-say "line after the fix: %s" line)
          (newslint-e2e-check (string-match-p "coalition troops left" line)
                              "the action replaced exactly the word"))))
    ;; 4. The edit reaches the server and the diagnostic goes. eglot sends
    ;; didChange from an idle timer, which a batch Emacs never runs: send
    ;; what it has queued, as that timer would.
    (eglot--signal-textDocument/didChange)
    (newslint-e2e-check
     (newslint-e2e-wait
      (lambda () (and (flymake-diagnostics)
                      (not (newslint-e2e-find "spelling.unknown-word"))))
      30)
     "the diagnostic is gone after the edit")
    (dolist (x (flymake-diagnostics))
      (newslint-e2e-say "diag after %s %s" (newslint-e2e-code x)
                        (flymake-diagnostic-text x)))
    ;; 5. Shut the server down.
    (set-buffer-modified-p nil)
    (eglot-shutdown (eglot-current-server))
    (newslint-e2e-check (not (eglot-current-server)) "the server shut down")))

(defun newslint-e2e-finish (ok err)
  (newslint-e2e-say (if ok "PASS" (format "FAIL %s" err)))
  (with-temp-file (getenv "NEWSLINT_OUT")
    (insert (mapconcat #'identity (reverse newslint-e2e-log) "\n") "\n"))
  (kill-emacs (if ok 0 1)))

(condition-case err
    (progn (newslint-e2e-main) (newslint-e2e-finish t nil))
  (error (newslint-e2e-finish nil (error-message-string err))))

;;; emacs-eglot.el ends here
