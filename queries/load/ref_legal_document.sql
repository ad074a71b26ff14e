-- Inserts one legal document from data/legal_documents.csv.
-- Parameters: $doc_id, $number, $kind, $short_name_vi, $title_vi, $title_en, $issuer,
-- $issue_date, $effective_date, $repealed_date, $replaced_by, $basis_category, $scope,
-- $confirmed, $grace_until, $demo_only.
INSERT INTO legal_document VALUES ($doc_id, $number, $kind, $short_name_vi, $title_vi, $title_en,
    $issuer, $issue_date, $effective_date, $repealed_date, $replaced_by, $basis_category, $scope,
    $confirmed, $grace_until, $demo_only)
