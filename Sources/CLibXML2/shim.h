// libxml2 (Debian's libxml2-dev) for sitegen's SVG sanitiser. The parse is wrapped here so
// that its errors go to a handler of this parse only (nothing printed on stderr), entity
// declarations stop the parser before any is used, and the thread's error globals, which
// Swift cannot reach (they are macros), are set and restored around it.
// Debian's libxml2 is built with ICU, and its encoding.h then includes ICU's headers, whose
// `UErrorCode` clashes with the copy Foundation bundles (_FoundationICU) in a clean build. No
// part of ICU is used here (the input is UTF-8 or what libxml2 converts itself), and only
// `xmlCharEncodingHandler`, which nothing here touches, changes shape without it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <stdlib.h>
#include <string.h>

/// What a parse found besides its tree.
typedef struct {
    /// The first error (fatal ones preferred), its line and libxml2's message (malloc'd, or NULL).
    char *message;
    int line;
    int level;
    /// 1 when the document declares an entity (general, parameter or unparsed); the line of the first.
    int entities;
    int entityLine;
} sg_xml_outcome;

static inline void sg_xml_record(sg_xml_outcome *outcome, const xmlError *error) {
    if (outcome == NULL || error == NULL || error->level < XML_ERR_ERROR) return;
    // Namespace errors (an unbound prefix) leave a tree; what they name is dropped anyway.
    if (error->domain == XML_FROM_NAMESPACE && error->level < XML_ERR_FATAL) return;
    if (outcome->message != NULL && !(error->level == XML_ERR_FATAL && outcome->level < XML_ERR_FATAL)) return;
    free(outcome->message);
    outcome->message = strdup(error->message != NULL ? error->message : "unknown error");
    outcome->line = error->line;
    outcome->level = error->level;
}

/// The parse's own handler: its data is the parser context, whose `_private` is the outcome.
static inline void sg_xml_context_error(void *data, xmlErrorPtr error) {
    xmlParserCtxtPtr context = (xmlParserCtxtPtr)data;
    if (context == NULL && error != NULL) context = (xmlParserCtxtPtr)error->ctxt;
    if (context != NULL) sg_xml_record((sg_xml_outcome *)context->_private, error);
}

/// The thread's handler during the parse, for errors raised without a context (encodings, I/O).
static inline void sg_xml_thread_error(void *data, xmlErrorPtr error) {
    sg_xml_record((sg_xml_outcome *)data, error);
}

static inline void sg_xml_saw_entity(void *data) {
    xmlParserCtxtPtr context = (xmlParserCtxtPtr)data;
    sg_xml_outcome *outcome = (sg_xml_outcome *)context->_private;
    if (!outcome->entities) {
        outcome->entities = 1;
        outcome->entityLine = context->input != NULL ? context->input->line : 0;
    }
    xmlStopParser(context);
}

static inline void sg_xml_entity_decl(void *data, const xmlChar *name, int type, const xmlChar *publicId,
                                      const xmlChar *systemId, xmlChar *content) {
    (void)name; (void)type; (void)publicId; (void)systemId; (void)content;
    sg_xml_saw_entity(data);
}

static inline void sg_xml_unparsed_entity_decl(void *data, const xmlChar *name, const xmlChar *publicId,
                                               const xmlChar *systemId, const xmlChar *notationName) {
    (void)name; (void)publicId; (void)systemId; (void)notationName;
    sg_xml_saw_entity(data);
}

/// Once, before any parse from any thread: libxml2 is then safe from many threads at once.
static inline void sg_xml_start(void) { xmlInitParser(); }

/// `bytes` parsed into a tree, never reading the network, a DTD or any other file (no
/// XML_PARSE_DTDLOAD, NOENT or DTDATTR), CDATA sections as text, with errors in `outcome`
/// (its message freed by the caller). NULL when the document is not well-formed.
static inline xmlDocPtr sg_xml_parse(const void *bytes, int length, sg_xml_outcome *outcome) {
    memset(outcome, 0, sizeof *outcome);
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL) {
        outcome->message = strdup("out of memory");
        return NULL;
    }
    context->_private = outcome;
    context->sax->serror = sg_xml_context_error;
    context->sax->entityDecl = sg_xml_entity_decl;
    context->sax->unparsedEntityDecl = sg_xml_unparsed_entity_decl;
    xmlStructuredErrorFunc savedHandler = xmlStructuredError;
    void *savedData = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(outcome, sg_xml_thread_error);
    xmlDocPtr doc = xmlCtxtReadMemory(context, (const char *)bytes, length, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    xmlSetStructuredErrorFunc(savedData, savedHandler);
    xmlFreeParserCtxt(context);
    return doc;
}

/// The line of a node (above 65535 too: XML_PARSE_BIG_LINES).
static inline long sg_xml_line(xmlNodePtr node) { return xmlGetLineNo(node); }
