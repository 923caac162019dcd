//! What can be done with a licence now: the one rule the store enforces before queuing
//! a change and the window shows on each row (so the two never disagree).

use serde::Serialize;
use ts_rs::TS;

use super::GroupFamily;

/// Why the actions on a licence's user (edit the account, change the password, free the
/// licence) are unavailable right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LicenceBlock {
    /// A prepaid group whose Microsoft Customer Agreement is not accepted yet: OVHcloud
    /// issues its licences only once it is (sign it first).
    AgreementNotSigned,
    /// An empty slot: there is no user yet (activate it first).
    NoUser,
    /// OVHcloud is creating or deleting this licence.
    Busy,
    /// A change to it has left for OVHcloud and is not confirmed yet.
    ChangeInFlight,
}

/// What the rule needs to know about a licence.
#[derive(Debug, Clone, Copy)]
pub struct LicenceFacts<'a> {
    pub family: GroupFamily,
    pub is_empty_slot: bool,
    /// OVHcloud's status as it comes (`ok`, `creating`, `deleting`…).
    pub state: &'a str,
    /// One of our changes to it is `sending` or waiting on OVHcloud's task.
    pub change_in_flight: bool,
    /// Its group is prepaid and has not accepted the Microsoft Customer Agreement.
    pub agreement_missing: bool,
}

impl LicenceFacts<'_> {
    /// Why its user's actions are unavailable, if they are.
    pub fn block(&self) -> Option<LicenceBlock> {
        if self.agreement_missing && self.family == GroupFamily::Prepaid {
            Some(LicenceBlock::AgreementNotSigned)
        } else if self.is_empty_slot {
            Some(LicenceBlock::NoUser)
        } else if self.state == "deleting" {
            Some(LicenceBlock::Busy)
        } else if self.change_in_flight {
            Some(LicenceBlock::ChangeInFlight)
        } else {
            None
        }
    }

    /// An empty prepaid slot that a user can be put on now.
    pub fn can_activate(&self) -> bool {
        self.family == GroupFamily::Prepaid && self.is_empty_slot && !self.change_in_flight && !self.agreement_missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(is_empty_slot: bool, state: &str, change_in_flight: bool) -> LicenceFacts<'_> {
        LicenceFacts { family: GroupFamily::Prepaid, is_empty_slot, state, change_in_flight, agreement_missing: false }
    }

    #[test]
    fn nothing_is_done_with_a_prepaid_licence_before_the_agreement() {
        let unsigned = LicenceFacts { agreement_missing: true, ..facts(true, "ok", false) };
        assert_eq!(unsigned.block(), Some(LicenceBlock::AgreementNotSigned));
        assert!(!unsigned.can_activate());
        let user = LicenceFacts { agreement_missing: true, ..facts(false, "ok", false) };
        assert_eq!(user.block(), Some(LicenceBlock::AgreementNotSigned));
    }

    #[test]
    fn a_user_can_be_changed_unless_absent_busy_or_already_on_its_way() {
        assert_eq!(facts(false, "ok", false).block(), None);
        assert_eq!(facts(false, "creating", false).block(), None, "a queued activation can be edited again");
        assert_eq!(facts(true, "ok", false).block(), Some(LicenceBlock::NoUser));
        assert_eq!(facts(false, "deleting", false).block(), Some(LicenceBlock::Busy));
        assert_eq!(facts(false, "ok", true).block(), Some(LicenceBlock::ChangeInFlight));
    }

    #[test]
    fn only_an_empty_prepaid_slot_with_nothing_in_flight_is_activated() {
        assert!(facts(true, "ok", false).can_activate());
        assert!(!facts(true, "ok", true).can_activate());
        assert!(!facts(false, "ok", false).can_activate());
        let payg = LicenceFacts { family: GroupFamily::PayAsYouGo, ..facts(true, "ok", false) };
        assert!(!payg.can_activate(), "pay-as-you-go groups add users, they have no slots");
    }
}
